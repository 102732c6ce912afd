package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.FsyncPolicy;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.OverloadPolicy;
import io.timberlog.core.RunInfo;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreReader;
import io.timberlog.core.query.RunSummary;
import io.timberlog.core.query.StoreSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import io.timberlog.core.internal.io.Mapping;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.timberlog.core.internal.wal.WalFixtures.waitUntil;
import static org.junit.jupiter.api.Assertions.*;

/** The write path under injected failures: a failed fsync, a full disk, and forces that take time. */
class WalWriterFaultTest {
    private static final RunInfo RUN = new RunInfo(1_700_000_000_000_000_000L, 4711, "test-host", 1);

    @TempDir
    Path dir;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private WalWriter writer;

    /** A file system whose WAL creation and forces the test controls. */
    private static final class FaultyIo extends WalIo {
        final AtomicBoolean diskFull = new AtomicBoolean();
        final AtomicBoolean failNextForce = new AtomicBoolean();
        final Map<Mapping, Integer> forces = Collections.synchronizedMap(new IdentityHashMap<>());
        final AtomicInteger forceCount = new AtomicInteger();
        /** Forces that returned; {@link #forceCount} counts those begun. */
        final AtomicInteger forcesDone = new AtomicInteger();
        volatile long forceMillis;
        /** When set, WAL files are created only once it opens (at most 30 s). */
        volatile CountDownLatch createGate;
        volatile Mapping failedBuffer;

        @Override
        FileChannel createWalFile(Path path) throws IOException {
            if (diskFull.get()) {
                throw new IOException("No space left on device");
            }
            CountDownLatch gate = createGate;
            if (gate != null) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.createWalFile(path);
        }

        @Override
        void force(Mapping buffer, int from, int to) {
            forces.merge(buffer, 1, Integer::sum);
            forceCount.incrementAndGet();
            if (failNextForce.compareAndSet(true, false)) {
                failedBuffer = buffer;
                throw new UncheckedIOException(new IOException("Input/output error"));
            }
            pause(forceMillis);
            super.force(buffer, from, to);
            forcesDone.incrementAndGet();
        }

        private static void pause(long millis) {
            if (millis > 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private StoreOptions.Builder options() {
        return StoreOptions.builder(dir).maxWalSize(StoreOptions.MIN_WAL_SIZE).maxEventSize(StoreOptions.MIN_EVENT_SIZE)
                .problemListener((message, cause) -> problems.add(message));
    }

    @AfterEach
    void close() throws IOException {
        if (writer != null) {
            writer.close(Duration.ofSeconds(5).toNanos());
        }
    }

    private static CapturedEvent event(CapturedEvent e, long i, Level level) {
        return e.reset().level(level).logger("faults").thread("t").message("event {}", MessageStyle.SLF4J).addArgument(i);
    }

    private List<LogEvent> readBack() throws IOException {
        List<LogEvent> events = new ArrayList<>();
        StoreReader.open(dir).readAll(events::add);
        return events;
    }

    @Test
    void force_whenItFails_sealsTheFileReportsAndMovesOnWithoutRetrying() throws Exception {
        FaultyIo io = new FaultyIo();
        writer = WalWriter.open(options().fsyncInterval(Duration.ofMillis(20)).build(), RUN, io);
        CapturedEvent e = new CapturedEvent();
        assertTrue(writer.append(event(e, 0, Level.INFO)));
        long failedFile = writer.currentWalId();
        io.failNextForce.set(true);
        waitUntil(() -> writer.failedForces() == 1 && writer.currentWalId() != failedFile);
        assertTrue(writer.append(event(e, 1, Level.INFO)));
        Thread.sleep(100); // several more force intervals
        assertEquals(1, writer.failedForces());
        assertTrue(problems.stream().anyMatch(p -> p.contains("forcing") && p.contains("failed")), problems.toString());
        writer.close(Duration.ofSeconds(5).toNanos());
        writer = null;
        WalFixtures.Read first = WalFixtures.read(WalFiles.path(dir, failedFile));
        assertEquals(SealReason.FORCE_FAILED, first.result.sealReason);
        assertEquals(List.of(0L, 1L), sequences(readBack()));
        assertEquals(1, io.forces.get(io.failedBuffer), "the failed file was never forced again");
    }

    @Test
    void append_whenDiskFullAndDropPolicy_dropsCountsAndRecordsTheGapWhenSpaceReturns() throws Exception {
        FaultyIo io = new FaultyIo();
        writer = WalWriter.open(options().overload(OverloadPolicy.DROP).build(), RUN, io);
        io.diskFull.set(true); // the spare file may be ready already; the one after it cannot be created
        CapturedEvent e = new CapturedEvent();
        long stored = 0;
        long dropped = 0;
        for (long i = 0; i < 20_000; i++) {
            if (writer.append(event(e, i, Level.INFO))) {
                stored++;
            } else {
                dropped++;
            }
        }
        assertTrue(dropped > 0, "the disk filled up");
        waitUntil(() -> problems.stream().anyMatch(p -> p.contains("cannot create the next WAL file")));
        assertEquals(dropped, writer.droppedEvents());
        io.diskFull.set(false);
        waitUntil(() -> writer.currentWalId() >= 0 && writer.append(event(e, -1, Level.INFO)));
        long totalDropped = writer.droppedEvents(); // with any the wait above dropped
        waitUntil(() -> hasDropReport(totalDropped));
        List<LogEvent> events = readBack();
        assertEquals(stored + 1, events.stream().filter(x -> x.logger().equals("faults")).count());
    }

    @Test
    void close_rightAfterSpaceReturns_recordsTheDropsBeforeTheRunEnds() throws Exception {
        FaultyIo io = new FaultyIo();
        // a force interval longer than the test: only the close can record the drops
        writer = WalWriter.open(options().overload(OverloadPolicy.DROP).fsyncInterval(Duration.ofMinutes(1)).build(), RUN, io);
        io.diskFull.set(true);
        CapturedEvent e = new CapturedEvent();
        long dropped = 0;
        for (long i = 0; i < 20_000; i++) {
            dropped += writer.append(event(e, i, Level.INFO)) ? 0 : 1;
        }
        assertTrue(dropped > 0, "the disk filled up");
        io.diskFull.set(false);
        waitUntil(() -> writer.currentWalId() >= 0 && writer.append(event(e, -1, Level.INFO)));
        long totalDropped = writer.droppedEvents();
        writer.close(Duration.ofSeconds(5).toNanos());
        writer = null;
        assertTrue(hasDropReport(totalDropped), "the drops are recorded in the store");
    }

    /**
     * True when the store's drop reports add up to {@code dropped}. The flusher records the drops
     * pending whenever the writer has a file to take its report, so drops during a rotation and those
     * while the disk is full can come in separate reports.
     */
    private boolean hasDropReport(long dropped) throws IOException {
        long reported = 0;
        for (LogEvent x : readBack()) {
            if (x.logger().equals("io.timberlog.store")) {
                long n = x.keyValues().get(0).value().asLong();
                assertEquals("TimberLog dropped " + n + " events between", x.message().substring(0,
                        x.message().indexOf(" between") + 8));
                reported += n;
            }
        }
        assertTrue(reported <= dropped, reported + " reported, " + dropped + " dropped");
        return reported == dropped;
    }

    /** Appends until an event is dropped: the files that were ready are full. Returns the next event's number. */
    private long appendUntilDropped(CapturedEvent e) {
        long i = 0;
        while (writer.append(event(e, i++, Level.INFO))) {
            assertTrue(i < 100_000, "the files fill up");
        }
        return i;
    }

    @Test
    void append_whenTheNextFileIsSlowAndBlockPolicy_waitsAtMostTheTimeoutThenDrops() throws Exception {
        BlockedAppend append = appendWhileTheNextFileIsHeldBack(Duration.ofMillis(200), false);
        long waitedMillis = append.waitedNanos / 1_000_000;
        assertFalse(append.stored);
        assertTrue(waitedMillis >= 150, "blocked for the timeout, waited " + waitedMillis + " ms");
        assertTrue(waitedMillis < 10_000, "bounded, waited " + waitedMillis + " ms");
    }

    /**
     * An application thread whose interrupt flag is set waits for the next file as any other does,
     * parked: a park returns at once on such a thread, and the wait spun a processor for blockTimeout.
     */
    @Test
    void append_onAnInterruptedThread_whenTheNextFileIsSlowAndBlockPolicy_parksAndKeepsTheInterrupt() throws Exception {
        BlockedAppend append = appendWhileTheNextFileIsHeldBack(Duration.ofSeconds(1), true);
        assertFalse(append.stored);
        assertTrue(append.interruptKept, "the caller's interrupt is kept");
        // Parked, the thread takes a few percent of a processor while it waits; spinning, all it gets of one.
        assertTrue(append.cpuNanos < append.waitedNanos / 2, append.describe());
    }

    /**
     * A thread blocked for the next file (onOverload=block) parks longer the longer it waits: parks of
     * 50 us each took about 12% of a processor per waiting thread, for as long as blockTimeout, and an
     * application with many threads logging would lose processors to waiting.
     */
    @Test
    void append_whenTheNextFileIsSlowAndBlockPolicy_waitsWithLittleCpu() throws Exception {
        BlockedAppend append = appendWhileTheNextFileIsHeldBack(Duration.ofSeconds(1), false);
        assertFalse(append.stored);
        assertTrue(append.cpuNanos < append.waitedNanos / 25, append.describe());
    }

    /** What one append did while the next file was held back (onOverload=block): returned, waited, cost. */
    private static final class BlockedAppend {
        boolean stored;
        boolean interruptKept;
        long waitedNanos;
        long cpuNanos;

        String describe() {
            return cpuNanos / 1_000 + " us of CPU in " + waitedNanos / 1_000_000 + " ms of waiting";
        }
    }

    /**
     * Fills the files of a writer whose next file is held back, then appends once more on this thread,
     * its interrupt flag set first when {@code interrupted}; the flag is cleared again after.
     */
    private BlockedAppend appendWhileTheNextFileIsHeldBack(Duration blockTimeout, boolean interrupted) throws Exception {
        FaultyIo io = new FaultyIo();
        writer = WalWriter.open(options().overload(OverloadPolicy.BLOCK).blockTimeout(blockTimeout).build(), RUN, io);
        CountDownLatch gate = new CountDownLatch(1);
        io.createGate = gate; // the spare file may be ready already; the one after it is held back
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        BlockedAppend append = new BlockedAppend();
        try {
            CapturedEvent e = new CapturedEvent();
            long i = appendUntilDropped(e);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            try {
                append.stored = writer.append(event(e, i, Level.INFO));
            } finally {
                append.interruptKept = Thread.interrupted();
            }
            append.waitedNanos = System.nanoTime() - start;
            append.cpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
            return append;
        } finally {
            gate.countDown();
        }
    }

    /** A full disk: the allocator's try failed, and every call waiting blockTimeout would stall the application. */
    @Test
    void append_whenDiskFullAndBlockPolicy_dropsAtOnce() throws Exception {
        FaultyIo io = new FaultyIo();
        writer = WalWriter.open(options().overload(OverloadPolicy.BLOCK).blockTimeout(Duration.ofSeconds(5)).build(), RUN, io);
        io.diskFull.set(true); // the spare file may be ready already; the one after it cannot be created
        CapturedEvent e = new CapturedEvent();
        long i = 0;
        long filled = System.nanoTime() + 60_000_000_000L;
        while (writer.append(event(e, i++, Level.INFO))) {
            assertTrue(System.nanoTime() < filled, "the files fill up");
        }
        long start = System.nanoTime();
        for (int n = 0; n < 20; n++) {
            assertFalse(writer.append(event(e, i++, Level.INFO)));
        }
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMillis < 2_000, "20 drops took " + waitedMillis + " ms");
    }

    /**
     * Closing while the current file is full and the next one is still being prepared (a slow disk, a
     * busy writer at SIGTERM): the run must still end clean, in the next file once it is ready, and stay
     * so once the WAL files are converted.
     */
    @Test
    void close_whileTheNextFileIsStillBeingPrepared_endsTheRunClean() throws Exception {
        FaultyIo io = new FaultyIo();
        writer = WalWriter.open(options().overload(OverloadPolicy.DROP).build(), RUN, io);
        // The spare prepared at open is ready; the one after it is created only a second after close
        // began: longer than the 100 ms that close waits to record drops in a file, however long filling
        // the files took (a 2 s delay from the start was not always enough on a loaded machine: the drops
        // record went into the last file, and a clean-clone CI run failed on it).
        CountDownLatch gate = new CountDownLatch(1);
        io.createGate = gate;
        CapturedEvent e = new CapturedEvent();
        long i = 0;
        long firstFile = writer.currentWalId();
        while (writer.currentWalId() == firstFile) {
            writer.append(event(e, i++, Level.INFO));
        }
        while (writer.currentWalId() != -1) { // the second file fills up before the third is ready
            assertTrue(i < 10_000_000, "the files fill up");
            writer.append(event(e, i++, Level.INFO));
        }
        Thread opener = new Thread(() -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            gate.countDown();
        });
        opener.setDaemon(true);
        opener.start();
        writer.close(Duration.ofSeconds(10).toNanos());
        writer = null;
        List<Path> files = WalFiles.list(dir);
        WalFixtures.Read last = WalFixtures.read(files.get(files.size() - 1));
        assertTrue(last.result.sealed, "the last file is sealed");
        assertEquals(SealReason.CLOSE, last.result.sealReason, "the run ended clean");
        // The store's own record of the drops may be there too: the flusher writes it into the first file
        // that is ready, which can be this one (a clean-clone CI run saw it).
        assertTrue(last.events.stream().allMatch(x -> x.logger().equals("io.timberlog.store")),
                "the clean end is in a file of its own, with no event of the application: " + last.events);

        StoreMaintenance.compact(options().build()); // converts every WAL file it can into segments
        List<RunSummary> runs = StoreSet.open(dir).runs();
        assertEquals(RunSummary.State.CLEAN, runs.get(0).state(), "a file of no events but the clean end is kept");
    }

    @Test
    void close_onAnInterruptedThread_returnsOnlyOnceWhatWasWrittenIsForced_andKeepsTheInterrupt() throws IOException {
        FaultyIo io = new FaultyIo();
        writer = WalWriter.open(options().fsyncInterval(Duration.ofHours(1)).build(), RUN, io); // no force but the close's
        assertTrue(writer.append(event(new CapturedEvent(), 1, Level.INFO)));
        io.forceMillis = 300;
        int forcedBefore = io.forcesDone.get();

        Thread.currentThread().interrupt(); // as on a task cancelled while it stops the application's logging
        boolean interruptKept;
        try {
            writer.close(Duration.ofSeconds(5).toNanos());
        } finally {
            interruptKept = Thread.interrupted();
            writer = null;
        }

        assertTrue(io.forcesDone.get() > forcedBefore, "the close returned while the flusher was still forcing");
        assertTrue(interruptKept, "the caller's interrupt is kept");
    }

    @Test
    void append_atForceLevel_returnsOnlyAfterAForceCoveringIt() throws Exception {
        FaultyIo io = new FaultyIo();
        io.forceMillis = 30;
        writer = WalWriter.open(options().fsyncInterval(Duration.ofHours(1)).forceAtLevel(Level.ERROR).build(), RUN, io);
        CapturedEvent e = new CapturedEvent();
        int before = io.forceCount.get();
        assertTrue(writer.append(event(e, 0, Level.INFO)));
        Thread.sleep(50);
        assertEquals(before, io.forceCount.get(), "an INFO event is not forced");
        assertTrue(writer.append(event(e, 1, Level.ERROR)));
        assertTrue(io.forceCount.get() > before, "an ERROR event returned after a force");
    }

    @Test
    void append_atForceLevel_onAnInterruptedThread_returnsOnlyAfterAForce_andKeepsTheInterrupt() throws IOException {
        FaultyIo io = new FaultyIo();
        io.forceMillis = 30;
        writer = WalWriter.open(options().fsyncInterval(Duration.ofHours(1)).forceAtLevel(Level.ERROR).build(), RUN, io);
        int before = io.forcesDone.get();

        // An application logs an error where it caught an InterruptedException, after setting the flag again.
        Thread.currentThread().interrupt();
        boolean stored;
        boolean interruptKept;
        try {
            stored = writer.append(event(new CapturedEvent(), 1, Level.ERROR));
        } finally {
            interruptKept = Thread.interrupted();
        }
        assertTrue(stored);
        assertTrue(io.forcesDone.get() > before, "the ERROR event returned before a force covered it");
        assertTrue(interruptKept, "the caller's interrupt is kept");

        Thread.currentThread().interrupt();
        boolean synced;
        try {
            synced = writer.sync();
        } finally {
            interruptKept = Thread.interrupted();
        }
        assertTrue(synced, "sync() on an interrupted thread forces");
        assertTrue(interruptKept, "the caller's interrupt is kept by sync()");
    }

    @Test
    void append_errorStorm_sharesForcesAndFallsBackBeyondTheBudget() throws Exception {
        FaultyIo io = new FaultyIo();
        io.forceMillis = 20;
        writer = WalWriter.open(options().fsyncInterval(Duration.ofHours(1)).forceAtLevel(Level.ERROR)
                .maxForcedWaitsPerSecond(5).build(), RUN, io);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                CapturedEvent e = new CapturedEvent();
                for (int i = 0; i < 500; i++) {
                    writer.append(event(e, i, Level.ERROR));
                }
            });
            threads.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        for (Thread thread : threads) {
            thread.join();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // 2000 errors with a 20 ms force each would take 40 s one by one; the budget lets ~5 wait per second.
        assertTrue(io.forceCount.get() < 200, "forces are shared, not one per event: " + io.forceCount.get());
        assertTrue(millis < 20_000, "the storm fell back to the interval policy, took " + millis + " ms");
    }

    @Test
    void append_withFsyncAlways_waitsForAForceEveryTime() throws Exception {
        FaultyIo io = new FaultyIo();
        writer = WalWriter.open(options().fsync(FsyncPolicy.ALWAYS).fsyncInterval(Duration.ofHours(1)).build(), RUN, io);
        CapturedEvent e = new CapturedEvent();
        for (int i = 0; i < 5; i++) {
            int before = io.forceCount.get();
            assertTrue(writer.append(event(e, i, Level.DEBUG)));
            assertTrue(io.forceCount.get() > before, "append " + i + " waited for a force");
        }
    }

    @Test
    void append_eventThatCannotBeEncoded_isDroppedWithoutGivingUpTheFile() throws Exception {
        writer = WalWriter.open(options().build(), RUN, new FaultyIo());
        long file = writer.currentWalId();
        // Every setter of CapturedEvent sanitizes its input; a bug is simulated by breaking a field.
        CapturedEvent hostile = new CapturedEvent().message("x", MessageStyle.LITERAL);
        java.lang.reflect.Field logger = CapturedEvent.class.getDeclaredField("logger");
        logger.setAccessible(true);
        logger.set(hostile, null);
        assertFalse(writer.append(hostile));
        assertEquals(1, writer.droppedEvents());
        assertEquals(file, writer.currentWalId(), "the file is still in use");
        assertTrue(writer.append(event(new CapturedEvent(), 1, Level.INFO)));
        assertTrue(problems.stream().anyMatch(p -> p.contains("could not be stored")), problems.toString());
    }

    private static List<Long> sequences(List<LogEvent> events) {
        List<Long> seqs = new ArrayList<>();
        for (LogEvent e : events) {
            seqs.add(e.sequence());
        }
        return seqs;
    }
}
