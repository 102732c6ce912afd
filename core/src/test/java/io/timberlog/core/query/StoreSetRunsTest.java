package io.timberlog.core.query;

import io.timberlog.core.Level;
import io.timberlog.core.RunInfo;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.internal.manifest.ManifestFileAccess;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static io.timberlog.core.query.QueryTestStores.*;
import static org.junit.jupiter.api.Assertions.*;

/** How runs ended, once their WAL files are segments: the segments keep the seal of each WAL file. */
class StoreSetRunsTest {
    @TempDir
    Path dir;

    private static void threeEvents(Writer w) {
        for (int i = 0; i < 3; i++) {
            w.append(i, Level.INFO, "l", "event {}", (long) i);
        }
    }

    /**
     * A copied store holds the same run as its original: {@code runs} lists it once for each, and a
     * position given to {@code --run} names the run that {@code runs} shows at that position.
     */
    @Test
    void selectRun_positions_areThoseThatRunsLists_alsoWithACopiedStore() throws Exception {
        write(dir.resolve("orig"), StoreSetRunsTest::threeEvents);
        copy(dir.resolve("orig"), dir.resolve("backup"));
        Thread.sleep(5); // a later run
        write(dir.resolve("other"), StoreSetRunsTest::threeEvents);
        StoreSet set = StoreSet.open(dir);

        List<RunSummary> listed = set.runs();

        assertEquals(3, listed.size());
        for (int i = 0; i < listed.size(); i++) {
            int position = i - (listed.size() - 1);
            assertEquals(listed.get(i).run(), set.selectRun(RunSelector.at(position)), "--run " + position);
        }
        assertEquals(listed.get(0).run(), set.selectRun(RunSelector.withId(listed.get(0).run().id())), "not ambiguous");
    }

    /**
     * A process restarted with its clock behind the one before (an NTP step, a VM restored): its run
     * starts "earlier", yet it is the latest, and the run before it the one {@code --run -1} names.
     */
    @Test
    void runs_nextRunWhoseClockIsBehind_isListedAfterTheRunItFollows() throws Exception {
        RunInfo aheadByAnHour = new RunInfo(System.currentTimeMillis() * 1_000_000L + 3_600 * SECOND,
                ProcessHandle.current().pid(), "test-host", 1);
        WalWriter writer = WalWriter.open(options(dir).build(), aheadByAnHour);
        try {
            new Writer(writer::append).append(3_600, Level.INFO, "l", "before the restart {}", 1L);
        } finally {
            writer.close(5_000_000_000L);
        }
        write(dir, w -> w.append(0, Level.INFO, "l", "after the restart {}", 2L));
        StoreSet set = StoreSet.open(dir);

        List<RunSummary> runs = set.runs();

        assertEquals(2, runs.size());
        assertEquals(aheadByAnHour, runs.get(0).run());
        assertEquals(aheadByAnHour, set.selectRun(RunSelector.at(-1)));
        assertEquals(runs.get(1).run(), set.selectRun(RunSelector.at(0)));
        assertEquals(List.of("after the restart 2"), messages(dir, Query.builder().run(RunSelector.at(0)).build()));
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    @Test
    void runs_cleanRunWhoseFilesWereConverted_isClean() throws Exception {
        write(dir, StoreSetRunsTest::threeEvents);
        assertEquals(0, StoreSet.open(dir).summaries().get(0).walFiles());

        RunSummary run = StoreSet.open(dir).runs().get(0);

        assertEquals(RunSummary.State.CLEAN, run.state());
        assertEquals(3, run.events());
        assertTrue(run.endEpochNanos() >= run.startEpochNanos(), "ends when its last file was sealed");
    }

    @Test
    void runs_segmentLostOrDamaged_countsShortAndSaysWhy() throws Exception {
        write(options(dir).maxWalSize(256 << 10), w -> {
            for (int i = 0; i < 20_000; i++) {
                w.append(i, Level.INFO, "l", "event {} with padding so that files rotate", (long) i);
            }
        });
        List<Path> segments = SegmentFiles.list(dir);
        assertTrue(segments.size() > 2, segments.toString());
        Files.delete(segments.get(1));
        try (FileChannel ch = FileChannel.open(segments.get(0), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), ch.size() - 10); // its footer
        }
        List<io.timberlog.core.Damage> damages = new java.util.ArrayList<>();

        RunSummary run = StoreSet.open(dir).runs(damages::add).get(0);

        assertTrue(run.events() < 20_000, "events: " + run.events());
        assertEquals(List.of(segments.get(0), segments.get(1)), damages.stream().map(io.timberlog.core.Damage::file)
                .sorted().distinct().toList(), damages.toString());
    }

    @Test
    void runs_crashedRunConvertedLater_isCrashed() throws Exception {
        writeUnconverted(options(dir), StoreSetRunsTest::threeEvents);
        Path wal = WalFiles.list(dir).get(0);
        zeroSeal(wal); // as the file of a process killed before it could close the store
        assertEquals(RunSummary.State.CRASHED, StoreSet.open(dir).runs().get(0).state());
        StoreMaintenance.compact(options(dir).build());
        assertTrue(WalFiles.list(dir).isEmpty());

        RunSummary run = StoreSet.open(dir).runs().get(0);

        assertEquals(RunSummary.State.CRASHED, run.state());
        assertEquals(3, run.events());
        assertEquals(T0 + 2 * SECOND, run.endEpochNanos(), "without a seal, the run ends with its newest event");
    }

    @Test
    void runs_cleanRunConvertedByCompaction_isClean() throws Exception {
        writeUnconverted(options(dir), StoreSetRunsTest::threeEvents);
        StoreMaintenance.compact(options(dir).build());
        assertEquals(RunSummary.State.CLEAN, StoreSet.open(dir).runs().get(0).state());
    }

    @Test
    void runs_segmentOfFormatVersion1_isNotTakenForClean() throws Exception {
        Path segment = SegmentFiles.path(dir, 1);
        Files.createDirectories(segment.getParent());
        try (InputStream in = io.timberlog.core.internal.segment.SegmentFiles.class
                .getResourceAsStream("version1-mixed200-seed11.log")) {
            Files.copy(in, segment);
        }
        ManifestFileAccess.list(dir, segment);

        List<RunSummary> runs = StoreSet.open(dir).runs();

        assertEquals(1, runs.size());
        assertEquals(RunSummary.State.CRASHED, runs.get(0).state(), "a version 1 segment does not say how it ended");
    }

    /**
     * A process killed before it logged anything leaves a WAL file without events: the next run's
     * conversion keeps it (sealed, cut to its header), so that {@code runs} still lists the run and
     * {@code --run -1} after a restart names it, not the run before.
     */
    @Test
    void runs_runKilledBeforeItsFirstEvent_staysListedAsCrashed_afterTheNextRuns() throws Exception {
        write(dir, StoreSetRunsTest::threeEvents);
        writeUnconverted(options(dir), w -> { });
        Path empty = WalFiles.list(dir).get(WalFiles.list(dir).size() - 1);
        zeroSeal(empty); // as the file of a process killed before it could close the store
        write(dir, StoreSetRunsTest::threeEvents); // converts the earlier run's file
        write(dir, w -> { }); // and a run that closed without logging

        StoreSet set = StoreSet.open(dir);
        List<RunSummary> runs = set.runs();

        assertEquals(List.of(RunSummary.State.CLEAN, RunSummary.State.CRASHED, RunSummary.State.CLEAN,
                RunSummary.State.CLEAN), runs.stream().map(RunSummary::state).toList());
        assertEquals(List.of(3L, 0L, 3L, 0L), runs.stream().map(RunSummary::events).toList());
        assertEquals(0, runs.get(1).endEpochNanos(), "when it died is not known");
        assertTrue(Files.size(empty) < 4096, "cut to its header and seal: " + Files.size(empty));
        assertEquals(runs.get(1).run(), set.selectRun(RunSelector.at(-2)));
        VerifyReport report = set.verify();
        assertTrue(report.problems().isEmpty(), report.problems().toString());
    }

    /** A crash loop before the first event keeps the files of the newest runs without events only. */
    @Test
    void runsWithoutEvents_keepTheNewest32() throws Exception {
        write(dir, StoreSetRunsTest::threeEvents);
        for (int i = 0; i < 35; i++) {
            writeUnconverted(options(dir), w -> { });
            List<Path> wal = WalFiles.list(dir);
            zeroSeal(wal.get(wal.size() - 1));
        }
        List<RunSummary> before = StoreSet.open(dir).runs();
        assertEquals(36, before.size());

        StoreMaintenance.compact(options(dir).build());

        List<RunSummary> after = StoreSet.open(dir).runs();
        assertEquals(33, after.size());
        assertEquals(before.get(0).run(), after.get(0).run(), "the run with events stays");
        assertEquals(before.subList(4, 36).stream().map(RunSummary::run).toList(),
                after.subList(1, 33).stream().map(RunSummary::run).toList(), "the newest without events stay");
        assertEquals(32, WalFiles.list(dir).size());
    }

    /** A WAL file of a newer version beside the kept ones is left to readers, and does not stop the conversion. */
    @Test
    void runsWithoutEvents_keptBesideAWalFileOfANewerVersion() throws Exception {
        writeUnconverted(options(dir), StoreSetRunsTest::threeEvents);
        Path newer = WalFiles.list(dir).get(0);
        try (FileChannel ch = FileChannel.open(newer, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int crcAt = io.timberlog.core.internal.wal.WalFormat.HEADER_CRC_OFFSET;
            ByteBuffer header = ByteBuffer.allocate(crcAt + 4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(header, 0);
            header.putShort(io.timberlog.core.internal.wal.WalFormat.HEADER_VERSION_OFFSET,
                    (short) (io.timberlog.core.internal.wal.WalFormat.VERSION + 1));
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(header.array(), 0, crcAt);
            header.putInt(crcAt, (int) crc.getValue());
            ch.write(header.flip(), 0);
        }
        writeUnconverted(options(dir), w -> { });
        List<Path> wal = WalFiles.list(dir);
        zeroSeal(wal.get(wal.size() - 1));

        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        write(options(dir).problemListener((m, c) -> problems.add(m + (c == null ? "" : ": " + c))), w -> { });

        assertTrue(Files.exists(newer), "left for readers to report");
        assertTrue(problems.stream().noneMatch(m -> m.contains("into a segment failed")), problems.toString());
        assertTrue(Files.size(wal.get(wal.size() - 1)) < 4096, "the crashed run's file kept, cut to its seal");
    }

    /** Zeroes the seal record of a WAL file. */
    static void zeroSeal(Path wal) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wal)).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 128; p + 8 < b.capacity() && b.getInt(p) != 0; p += (b.getInt(p) + 7) & ~7) {
            if (b.get(p + 8) == 3) {
                try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.allocate((b.getInt(p) + 7) & ~7), p);
                }
                return;
            }
        }
        throw new AssertionError("no seal record in " + wal);
    }
}
