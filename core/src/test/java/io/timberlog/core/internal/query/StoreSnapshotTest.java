package io.timberlog.core.internal.query;

import io.timberlog.core.LogEvent;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.internal.manifest.Manifest;
import io.timberlog.core.internal.manifest.ManifestEntry;
import io.timberlog.core.internal.manifest.ManifestFile;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.testing.WalFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A store read from a snapshot whose WAL files are converted into segments, and deleted, before they are read. */
class StoreSnapshotTest {
    private static final int EVENTS = 3_000;

    @TempDir
    Path dir;

    /** Several WAL files of a run that nothing converted, a snapshot of them, then their conversion. */
    private List<StoreSnapshot> snapshotsThenConversion(int snapshots) throws Exception {
        WalFixtures.writeRun(dir, EVENTS, 5);
        assertTrue(WalFiles.list(dir).size() > 1, "several WAL files");
        List<StoreSnapshot> taken = new ArrayList<>();
        for (int i = 0; i < snapshots; i++) {
            taken.add(StoreSnapshot.take(dir));
            assertTrue(taken.get(i).parts().stream().allMatch(p -> p.kind() == StorePart.Kind.WAL));
        }
        StoreMaintenance.compact(WalFixtures.options(dir).build());
        assertEquals(List.of(), WalFiles.list(dir));
        return taken;
    }

    private static List<Long> read(StoreSnapshot snapshot, boolean backward) throws Exception {
        List<Long> sequences = new ArrayList<>();
        try (StoreStream stream = new StoreStream(snapshot, null, new ReadContext(EventFilter.all()), backward)) {
            for (PartHit h; (h = stream.next()) != null; ) {
                sequences.add(h.event().sequence());
            }
        }
        return sequences;
    }

    @Test
    void stream_walFilesConvertedSinceTheSnapshot_readsTheirSegmentsEachOnce() throws Exception {
        List<StoreSnapshot> snapshots = snapshotsThenConversion(2);
        List<Long> forward = read(snapshots.get(0), false);
        List<Long> backward = read(snapshots.get(1), true);
        assertEquals(EVENTS, forward.size());
        for (int i = 0; i < EVENTS; i++) {
            assertEquals(i, forward.get(i));
            assertEquals(EVENTS - 1 - i, backward.get(i));
        }
    }

    @Test
    void forEach_walFilesConvertedSinceTheSnapshot_visitsTheirSegments() throws Exception {
        StoreSnapshot snapshot = snapshotsThenConversion(1).get(0);
        long[] events = {0};
        List<StorePart.Kind> kinds = new ArrayList<>();
        StorePart.forEach(snapshot.parts(), part -> {
            events[0] += part.facts(d -> { }).events();
            kinds.add(part.kind());
        });
        assertEquals(EVENTS, events[0]);
        assertTrue(kinds.stream().allMatch(k -> k == StorePart.Kind.SEGMENT), kinds.toString());
    }

    @Test
    void follow_afterAStreamOfConvertedFiles_startsAfterThem() throws Exception {
        StoreSnapshot snapshot = snapshotsThenConversion(1).get(0);
        long newest = WalFiles.idOf(((WalPart) snapshot.parts().get(snapshot.parts().size() - 1)).file());
        assertEquals(newest + 1, snapshot.nextWalId());
        ReadContext context = new ReadContext(EventFilter.all());
        try (StoreStream stream = new StoreStream(snapshot, null, context, false)) {
            while (stream.next() != null) {
                // read to the end
            }
            try (WalTail tail = stream.follow(context.damages())) {
                List<LogEvent> more = new ArrayList<>();
                tail.poll(more, d -> fail(d.toString()));
                assertEquals(List.of(), more, "the converted files are not read again");
            }
        }
    }

    @Test
    void take_queryWithNothingToFollow_stillKnowsWhereNewEventsGo() throws Exception {
        WalFixtures.writeRun(dir, 10, 1);
        StoreMaintenance.compact(WalFixtures.options(dir).build());
        StoreSnapshot snapshot = StoreSnapshot.take(dir);
        assertNull(snapshot.newestWal());
        assertEquals(2, snapshot.nextWalId(), "after the converted WAL file 1");
        assertEquals(10, read(snapshot, false).size());
    }

    private long firstSegmentEvents;

    /** Segments of 4 runs of 500 events each, a snapshot of them, then the first segment's file deleted. */
    private StoreSnapshot segmentsThenFirstDeleted(boolean byRetention) throws Exception {
        for (int run = 0; run < 4; run++) {
            WalFixtures.writeRun(dir, 500, run);
            StoreMaintenance.compact(WalFixtures.options(dir).build());
        }
        StoreSnapshot snapshot = StoreSnapshot.take(dir);
        Manifest manifest = ManifestFile.read(dir).manifest;
        ManifestEntry first = manifest.segments().get(0);
        firstSegmentEvents = first.events();
        if (byRetention) {
            ManifestFile.write(dir, manifest.without(List.of(first))); // retention: the manifest first, then the file
        }
        Files.delete(SegmentFiles.directory(dir).resolve(first.file()));
        return snapshot;
    }

    /**
     * Segments of a block or so each: before the first event is handed out, the reader has opened the
     * next segments too and handed their blocks to the workers, more than one segment ahead (so that
     * the workers decode them together), but not the whole store.
     */
    @Test
    void stream_segmentsOfFewBlocks_opensSeveralAheadButNotAll() throws Exception {
        WalFixtures.writeRun(dir, 20_000, 7);
        StoreMaintenance.compact(WalFixtures.options(dir).build());
        StoreSnapshot snapshot = StoreSnapshot.take(dir);
        List<StorePart> parts = snapshot.parts();
        assertTrue(parts.size() > StoreStream.MAX_AHEAD + 1, parts.size() + " segments");
        long total = 0;
        for (StorePart p : parts) {
            total += p.size();
        }
        ReadContext context = new ReadContext(EventFilter.all());
        try (StoreStream stream = new StoreStream(snapshot, null, context, false)) {
            assertNotNull(stream.next());
            long read = context.bytesRead();
            assertTrue(read > parts.get(0).size() + parts.get(1).size(), read + " bytes: more than one segment ahead");
            assertTrue(read < total, read + " of " + total + " bytes: not the whole store");
        }
    }

    @Test
    void stream_segmentDeletedByRetentionWhileRead_isLeftOutWithoutDamage() throws Exception {
        StoreSnapshot snapshot = segmentsThenFirstDeleted(true);
        ReadContext context = new ReadContext(EventFilter.all());
        int events = 0;
        try (StoreStream stream = new StoreStream(snapshot, null, context, false)) {
            while (stream.next() != null) {
                events++;
            }
        }
        assertEquals(2000 - firstSegmentEvents, events);
        assertEquals(List.of(), context.damages());
    }

    @Test
    void stream_segmentMissingButStillListed_isDamage() throws Exception {
        StoreSnapshot snapshot = segmentsThenFirstDeleted(false);
        ReadContext context = new ReadContext(EventFilter.all());
        try (StoreStream stream = new StoreStream(snapshot, null, context, false)) {
            while (stream.next() != null) {
                // read to the end
            }
        }
        assertEquals(1, context.damages().size());
        assertTrue(context.damages().get(0).detail().contains(firstSegmentEvents + " events are lost"), context.damages().toString());
    }
}
