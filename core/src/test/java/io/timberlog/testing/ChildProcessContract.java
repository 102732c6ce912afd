package io.timberlog.testing;

import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.Value;
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
        Path progressFile = tmp.resolve("progress");
        long progressSize = 8L * LoggingChild.THREADS;
        Process child = start(store, "forever", progressFile.toString());
        long[] acknowledged = new long[LoggingChild.THREADS];
        try {
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
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            for (int t = 0; t < acknowledged.length; t++) {
                acknowledged[t] = progress.getLong(8 * t);
            }
        } finally {
            child.destroyForcibly();
        }

        BitSet[] found = new BitSet[LoggingChild.THREADS];
        for (int t = 0; t < found.length; t++) {
            found[t] = new BitSet();
        }
        for (LogEvent e : Stores.read(store)) {
            List<Value> arguments = e.arguments();
            found[(int) arguments.get(0).asLong()].set((int) arguments.get(1).asLong());
        }
        for (int t = 0; t < acknowledged.length; t++) {
            int firstMissing = found[t].nextClearBit(0);
            assertTrue(firstMissing >= acknowledged[t], "thread " + t + ": event " + firstMissing + " is missing, "
                    + acknowledged[t] + " were acknowledged");
        }
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
