package io.timberlog.core.internal.manifest;

import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.testing.WalFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RetentionTest {
    @TempDir
    Path dir;

    private static ManifestEntry entry(long id, long size, long maxEpochNanos) {
        return new ManifestEntry(SegmentFiles.fileName(id), size, 1, id, id, maxEpochNanos, maxEpochNanos, List.of(),
                new long[6], new long[] {id});
    }

    private static Manifest manifest(ManifestEntry... entries) {
        return new Manifest(1, entries.length, entries.length, 0, List.of(entries));
    }

    @Test
    void expired_overTotalSize_oldestFirstUntilItFits() {
        Manifest m = manifest(entry(1, 100, 10), entry(2, 100, 20), entry(3, 100, 30));
        List<ManifestEntry> expired = new Retention(200, null).expired(m, 20, 1_000, e -> Long.MAX_VALUE);
        assertEquals(List.of(m.segments().get(0), m.segments().get(1)), expired);
    }

    @Test
    void expired_underTotalSize_nothing() {
        Manifest m = manifest(entry(1, 100, 10), entry(2, 100, 20));
        assertEquals(List.of(), new Retention(1_000, null).expired(m, 0, 1_000, e -> Long.MAX_VALUE));
    }

    @Test
    void expired_olderThanMaxAge_onlyThose() {
        Manifest m = manifest(entry(1, 100, 1_000), entry(2, 100, 5_000), entry(3, 100, 9_000));
        List<ManifestEntry> expired = new Retention(0, Duration.ofNanos(3_000)).expired(m, 0, 10_000, e -> Long.MAX_VALUE);
        assertEquals(List.of(m.segments().get(0), m.segments().get(1)), expired);
    }

    /**
     * An event stamped a day ahead: its segment is as old as its file, and neither it nor the segments
     * after it are kept while the clock catches up with that event.
     */
    @Test
    void expired_aSegmentWithAnEventStampedInTheFuture_isAsOldAsItsFile() {
        Manifest m = manifest(entry(1, 100, 1_000), entry(2, 100, 86_400_000), entry(3, 100, 5_000),
                entry(4, 100, 9_000));
        List<ManifestEntry> expired = new Retention(0, Duration.ofNanos(3_000)).expired(m, 0, 10_000,
                e -> e.segmentId() == 2 ? 2_000 : Long.MAX_VALUE);
        assertEquals(m.segments().subList(0, 3), expired);
    }

    @Test
    void backlogToShed_whenWaitingFilesAloneAreTooBig_oldestUntilItFits() {
        Retention retention = new Retention(1_000, null);
        assertEquals(0, retention.backlogToShed(List.of(300L, 300L), 300));
        assertEquals(2, retention.backlogToShed(List.of(400L, 400L, 400L, 400L), 100));
        assertEquals(0, new Retention(0, null).backlogToShed(List.of(400L, 400L, 400L, 400L), 100));
    }

    @Test
    void open_onABacklogBeyondMaxTotalSize_shedsTheOldestWalFilesAndKeepsTheNewest() throws Exception {
        WalFixtures.writeRun(dir, 60_000, 3); // a crashed writer's many unconverted WAL files
        List<Path> wals = io.timberlog.core.internal.wal.WalFiles.list(dir);
        assertTrue(wals.size() >= 8, "a backlog: " + wals.size());
        long backlog = 0;
        for (Path wal : wals) {
            backlog += Files.size(wal);
        }
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.timberlog.core.LogStore store = io.timberlog.core.LogStore.open(WalFixtures.options(dir)
                .maxTotalSize(backlog / 3).problemListener((m, c) -> problems.add(m)).build());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (problems.stream().noneMatch(p -> p.contains("outran the conversion")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        store.close(Duration.ofSeconds(30));
        assertTrue(problems.stream().anyMatch(p -> p.contains("outran the conversion")), problems.toString());
        List<io.timberlog.core.LogEvent> left = WalFixtures.readAll(dir);
        assertFalse(left.isEmpty());
        assertEquals(59_999, left.get(left.size() - 1).sequence(), "the newest events are kept");
        assertTrue(left.size() < 60_000, "the oldest were shed");
    }

    @Test
    void start_onABacklogBeyondMaxTotalSize_shedsBeforeTheFirstConversion() throws Exception {
        // A process in a crash loop may die before its first conversion ends, every time: found by the
        // crash loop (appender-logback CrashLoopTest), whose store grew to 5 times maxTotalSize.
        WalFixtures.writeRun(dir, 60_000, 3);
        long backlog = 0;
        for (Path wal : io.timberlog.core.internal.wal.WalFiles.list(dir)) {
            backlog += Files.size(wal);
        }
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Boolean> shedFirst = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch firstSegment = new java.util.concurrent.CountDownLatch(1);
        io.timberlog.core.StoreOptions options = WalFixtures.options(dir).maxTotalSize(backlog / 3)
                .problemListener((m, c) -> problems.add(m)).build();
        SegmentManager manager = SegmentManager.open(options, ManifestLoader.load(dir), step -> {
            if (step == ConversionStep.SEGMENT_WRITTEN && firstSegment.getCount() > 0) {
                shedFirst.set(problems.stream().anyMatch(p -> p.contains("outran the conversion")));
                firstSegment.countDown();
            }
        });
        manager.start(Long.MAX_VALUE); // every WAL file is an earlier run's
        try {
            assertTrue(firstSegment.await(60, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            manager.close(Duration.ZERO);
        }
        assertTrue(shedFirst.get(), "the backlog was shed before the first conversion: " + problems);
    }

    @Test
    void compact_overMaxTotalSize_deletesOldestSegmentsAfterUpdatingTheManifest() throws Exception {
        WalFixtures.writeRun(dir, 8_000, 8);
        StoreMaintenance.compact(WalFixtures.options(dir).maxTotalSize(0).build());
        Manifest all = ManifestFile.read(dir).manifest;
        assertTrue(all.segments().size() > 3);
        long limit = all.totalSize() / 2;
        assertTrue(limit >= 256 << 10, "enough data for the smallest limit");
        List<String> deletedWhileListed = new ArrayList<>();

        StoreMaintenance.compact(WalFixtures.options(dir).maxTotalSize(limit).build());

        Manifest kept = ManifestFile.read(dir).manifest;
        assertTrue(kept.segments().size() < all.segments().size());
        assertEquals(all.segments().get(all.segments().size() - 1).file(),
                kept.segments().get(kept.segments().size() - 1).file(), "the newest segment is kept");
        for (ManifestEntry e : kept.segments()) {
            if (!Files.exists(SegmentFiles.directory(dir).resolve(e.file()))) {
                deletedWhileListed.add(e.file());
            }
        }
        assertEquals(List.of(), deletedWhileListed);
        assertEquals(kept.segments().size(), SegmentFiles.list(dir).size(), "deleted segments' files are gone");
        long firstKept = kept.segments().get(0).minSequence();
        assertEquals(firstKept, kept.retainedFromSequence());
        assertEquals(firstKept, WalFixtures.readAll(dir).get(0).sequence());
    }

    @Test
    void compact_segmentsOlderThanMaxAge_areDeleted() throws Exception {
        WalFixtures.writeRun(dir, 500, 9); // events of 2026-01-01
        StoreMaintenance.compact(WalFixtures.options(dir).maxAge(Duration.ofDays(1)).build());
        assertEquals(List.of(), ManifestFile.read(dir).manifest.segments());
        assertEquals(List.of(), SegmentFiles.list(dir));
        assertEquals(List.of(), WalFixtures.readAll(dir));
    }
}
