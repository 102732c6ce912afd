package io.timberlog.testing;

import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.Value;
import io.timberlog.core.query.RunSummary;
import io.timberlog.core.query.StoreSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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

    /** As {@link #childProperties}, for a store forced every 10 ms whose 256 KiB WAL files rotate and convert. */
    protected abstract List<String> busyChildProperties(Path store);

    private Process start(Path store, String... args) throws Exception {
        return ChildJvm.start(childMain(), childProperties(store), tmp.resolve("child.out"), args);
    }

    private String output() {
        return output(tmp.resolve("child.out"));
    }

    private static String output(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void kill9_whileLogging_everyAcknowledgedEventIsInTheStore() throws Exception {
        Path store = tmp.resolve("store");
        assertEveryCallStored(store, signalWhileLogging(store, true));
    }

    /** SIGTERM runs the JVM's shutdown hooks: the store is closed while the threads still log, and the run ends clean. */
    @Test
    void sigterm_whileLogging_keepsEveryEventLoggedBeforeAndEndsTheRunClean() throws Exception {
        Path store = tmp.resolve("store");
        assertEveryCallStored(store, signalWhileLogging(store, false));
        List<RunSummary> runs = StoreSet.open(store).runs();
        assertEquals(1, runs.size());
        assertEquals(RunSummary.State.CLEAN, runs.get(0).state(), "the shutdown hook sealed the run");
        assertTrue(StoreSet.open(store).verify().isWhole());
    }

    /**
     * Starts a child logging from two threads until a random point, then sends SIGKILL or SIGTERM and waits
     * for its end. Returns each thread's calls that had returned: when it died (SIGKILL), or when the
     * signal was sent (SIGTERM, after which the threads log on while the shutdown hooks run).
     */
    private long[] signalWhileLogging(Path store, boolean sigkill) throws Exception {
        Process child = start(store, "forever", tmp.resolve("progress").toString());
        try {
            MappedByteBuffer progress = awaitProgress(child);
            long[] beforeTheSignal = returnedCalls(progress);
            if (sigkill) {
                child.destroyForcibly();
            } else {
                child.destroy();
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ends");
            assertEquals(sigkill ? 137 : 143, child.exitValue(), "ended by the signal: " + output());
            return sigkill ? returnedCalls(progress) : beforeTheSignal;
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * Debian's libfiu (fiu-run) makes a fifth of the msync, fsync and fdatasync calls, and one in fifty
     * pwrite calls, of a child that logs through the framework fail: forcing a directory, a WAL file,
     * segments and the manifest. The application sees no exception and ends normally; the failures are
     * reported on the framework's status channel; the store holds no damage and no event twice. Events
     * are dropped (and counted) while the store cannot be opened or a WAL file created: a failed fsync
     * of the directory stops those, and they are tried again.
     *
     * <p>libfiu itself can deadlock the child (see {@link FrozenProcess}): a child frozen below Java is
     * killed and the run is made again with a new child, up to {@link #FIU_ATTEMPTS} children.
     */
    @Test
    void log_whileSyncAndWriteCallsFail_reportsAndStoresNoDamage() throws Exception {
        Path fiuRun = Paths.get("/usr/bin/fiu-run");
        Assumptions.assumeTrue(Files.isExecutable(fiuRun), "no injected I/O errors: fiu-run (Debian's fiu-utils) is not installed");
        List<String> fiu = List.of(fiuRun.toString(), "-x",
                "-c", "enable_random name=posix/mm/msync,probability=0.2",
                "-c", "enable_random name=posix/io/sync/*,probability=0.2",
                "-c", "enable_random name=posix/io/rw/pwrite,probability=0.02");
        Path run = null;
        for (int attempt = 1; run == null; attempt++) {
            Path dir = Files.createDirectories(tmp.resolve("fiu-" + attempt));
            if (logUnderInjectedFailures(fiu, dir)) {
                run = dir;
            } else {
                System.err.println("the child under fiu-run froze inside libfiu (attempt " + attempt + ", see "
                        + FrozenProcess.class.getSimpleName() + "); trying again with a new child");
                int tried = attempt;
                assertTrue(attempt < FIU_ATTEMPTS, () -> "all " + tried + " children froze inside libfiu, below Java: "
                        + output(dir.resolve("child.out")));
            }
        }
        Path out = run.resolve("child.out");
        assertFalse(output(out).contains("Exception in thread"), () -> output(out));
        assertTrue(output(out).contains("fail"), () -> "failures are reported: " + output(out));
        int stored = 0;
        for (BitSet thread : storedCalls(run.resolve("store"))) {
            stored += thread.cardinality();
        }
        assertTrue(stored > 0, "the store opened and kept events");
    }

    /** Children started for the libfiu run before it counts as failed: about 1 in 200 froze on a 2-core machine. */
    private static final int FIU_ATTEMPTS = 3;

    /**
     * Runs the child under {@code fiu} in {@code dir} until its store holds 10,000 events, 2 s more, then
     * stops it with SIGTERM and waits for its exit. False when the child froze below Java (libfiu's
     * deadlock) and was killed instead; a child that lives but does not get there in a minute fails the test.
     */
    private boolean logUnderInjectedFailures(List<String> fiu, Path dir) throws Exception {
        Path store = dir.resolve("store");
        Path out = dir.resolve("child.out");
        Process child = ChildJvm.start(fiu, childMain(), busyChildProperties(store), out,
                "forever", dir.resolve("progress").toString());
        try {
            // A live child gets there in 1-6 s: an open that meets a failed directory fsync is tried again
            // a second later, and a failed force of wal.meta does not stop it.
            FrozenProcess frozen = new FrozenProcess(child.pid());
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (eventsSoFar(store) < 10_000) { // the store opened
                if (frozen.frozen()) {
                    return false; // killed below
                }
                assertTrue(child.isAlive() && System.nanoTime() < deadline, () -> output(out));
                Thread.sleep(200);
            }
            Thread.sleep(2_000); // rotations, conversions and forces meet failures
            child.destroy(); // SIGTERM: the shutdown hook closes the store, itself under injected failures
            long exitDeadline = System.nanoTime() + 60_000_000_000L;
            while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (frozen.frozen()) {
                    return false;
                }
                assertTrue(System.nanoTime() < exitDeadline, () -> output(out));
            }
            assertEquals(143, child.exitValue(), () -> output(out));
            return true;
        } finally {
            child.destroyForcibly();
        }
    }

    /** Events a live store holds so far; 0 while it is not a store yet. */
    private static int eventsSoFar(Path store) {
        try {
            return Stores.read(store).size();
        } catch (java.io.UncheckedIOException notYet) {
            return 0;
        }
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
        BitSet[] found = storedCalls(store);
        for (int t = 0; t < calls.length; t++) {
            int firstMissing = found[t].nextClearBit(0);
            assertTrue(firstMissing >= calls[t], "thread " + t + ": event " + firstMissing + " is missing, "
                    + calls[t] + " calls had returned");
        }
    }

    /** The calls of each thread that are in the store, which must hold no damage and no event twice. */
    private static BitSet[] storedCalls(Path store) {
        BitSet[] found = new BitSet[LoggingChild.THREADS];
        for (int t = 0; t < found.length; t++) {
            found[t] = new BitSet();
        }
        for (LogEvent e : Stores.read(store)) {
            List<Value> arguments = e.arguments();
            if (e.logger().equals("io.timberlog.store")) {
                continue; // what the store recorded about events it dropped
            }
            int t = (int) arguments.get(0).asLong();
            int i = (int) arguments.get(1).asLong();
            assertFalse(found[t].get(i), "thread " + t + ": event " + i + " is stored twice");
            found[t].set(i);
        }
        return found;
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
