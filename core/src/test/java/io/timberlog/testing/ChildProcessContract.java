package io.timberlog.testing;

import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.Value;
import io.timberlog.core.query.RunSummary;
import io.timberlog.core.query.StoreSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Real child JVMs logging through a real framework ({@link LoggingChild}): killed with SIGKILL while
 * logging, started beside another application on the same directory, exiting without stopping the
 * framework. Each appender module runs these with its framework.
 */
public abstract class ChildProcessContract {
    @TempDir
    protected Path tmp;

    protected abstract AppenderHarness.Factory framework();

    /** The child's main class, which calls {@link LoggingChild#run}. */
    protected abstract Class<?> childMain();

    /** The {@code name=value} system properties that configure the child's framework to write to {@code store}. */
    protected abstract List<String> childProperties(Path store);

    private Process start(Path store, String... args) throws Exception {
        return ChildJvm.start(childMain(), childProperties(store), tmp.resolve("child.out"), args);
    }

    private String output() {
        try {
            return Files.readString(tmp.resolve("child.out"));
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void kill9_whileLogging_everyAcknowledgedEventIsInTheStore() throws Exception {
        Path store = tmp.resolve("store");
        long[] acknowledged;
        Process child = start(store, "forever", tmp.resolve("progress").toString());
        try {
            MappedByteBuffer progress = awaitProgress(child);
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            acknowledged = returnedCalls(progress);
        } finally {
            child.destroyForcibly();
        }
        assertEveryCallStored(store, acknowledged);
    }

    /** SIGTERM runs the JVM's shutdown hooks: the store is closed while the threads still log, and the run ends clean. */
    @Test
    void sigterm_whileLogging_keepsEveryEventLoggedBeforeAndEndsTheRunClean() throws Exception {
        Path store = tmp.resolve("store");
        long[] beforeTheSignal;
        Process child = start(store, "forever", tmp.resolve("progress").toString());
        try {
            MappedByteBuffer progress = awaitProgress(child);
            beforeTheSignal = returnedCalls(progress);
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the shutdown hooks end");
            assertEquals(143, child.exitValue(), "ended by SIGTERM: " + output());
        } finally {
            child.destroyForcibly();
        }
        assertEveryCallStored(store, beforeTheSignal);
        List<RunSummary> runs = StoreSet.open(store).runs();
        assertEquals(1, runs.size());
        assertEquals(RunSummary.State.CLEAN, runs.get(0).state(), "the shutdown hook sealed the run");
        assertTrue(StoreSet.open(store).verify().isWhole());
    }

    /** Waits until each thread of a child in mode {@code forever} logged a random number of events; its progress. */
    private MappedByteBuffer awaitProgress(Process child) throws Exception {
        Path progressFile = tmp.resolve("progress");
        long progressSize = 8L * LoggingChild.THREADS;
        long threshold = ThreadLocalRandom.current().nextLong(200, 20_000);
        while (!Files.exists(progressFile) || Files.size(progressFile) < progressSize) {
            assertTrue(child.isAlive(), this::output);
            Thread.sleep(10);
        }
        MappedByteBuffer progress;
        try (FileChannel channel = FileChannel.open(progressFile, StandardOpenOption.READ)) {
            progress = channel.map(FileChannel.MapMode.READ_ONLY, 0, progressSize);
        }
        while (progress.getLong(0) < threshold || progress.getLong(8) < threshold) {
            assertTrue(child.isAlive(), this::output);
            Thread.sleep(1);
        }
        Thread.sleep(ThreadLocalRandom.current().nextInt(20));
        return progress;
    }

    private static long[] returnedCalls(MappedByteBuffer progress) {
        long[] calls = new long[LoggingChild.THREADS];
        for (int t = 0; t < calls.length; t++) {
            calls[t] = progress.getLong(8 * t);
        }
        return calls;
    }

    /** Each thread's first {@code calls[t]} events are in the store, and no event is there twice. */
    private static void assertEveryCallStored(Path store, long[] calls) {
        BitSet[] found = new BitSet[LoggingChild.THREADS];
        for (int t = 0; t < found.length; t++) {
            found[t] = new BitSet();
        }
        List<LogEvent> events = Stores.read(store);
        for (LogEvent e : events) {
            List<Value> arguments = e.arguments();
            found[(int) arguments.get(0).asLong()].set((int) arguments.get(1).asLong());
        }
        int distinct = 0;
        for (int t = 0; t < calls.length; t++) {
            int firstMissing = found[t].nextClearBit(0);
            assertTrue(firstMissing >= calls[t], "thread " + t + ": event " + firstMissing + " is missing, "
                    + calls[t] + " calls had returned");
            distinct += found[t].cardinality();
        }
        assertEquals(distinct, events.size(), "no event is stored twice");
    }

    @Test
    void secondApplication_onTheSameDirectory_warnsAndWritesItsOwnStoreBeside() throws Exception {
        Path store = tmp.resolve("store");
        try (AppenderHarness first = framework().start(AppenderHarness.Config.CAPTURE, store)) {
            first.info("from the first application");
            Process second = start(store, "count", "100");
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, second.exitValue(), this::output);
            assertTrue(output().contains("store " + store + " is already written by pid "
                    + ProcessHandle.current().pid()), output());

            List<LogEvent> fallback = Stores.read(LogStore.fallbackDirectory(store, second.pid()));
            assertEquals(LoggingChild.THREADS * 100, fallback.size());
            assertTrue(fallback.stream().allMatch(e -> e.run().pid() == second.pid()));
        }
        assertEquals(List.of("from the first application"), Stores.messages(Stores.read(store)));
    }

    @Test
    void exit_withoutStoppingTheFramework_exitsAndKeepsEveryEvent() throws Exception {
        Path store = tmp.resolve("store");
        Process child = start(store, "exit", "500");
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the shutdown hook must not keep the JVM from exiting");
        assertEquals(0, child.exitValue(), this::output);
        assertEquals(LoggingChild.THREADS * 500, Stores.read(store).size());
        try (LogStore reopened = LogStore.open(StoreOptions.builder(store).build())) {
            assertEquals(store, reopened.directory());
        }
    }
}
