package io.timberlog.core.query;

import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.timberlog.core.query.QueryTestStores.*;
import static org.junit.jupiter.api.Assertions.*;

/** Stores whose events are partly in segments, partly in WAL files; and following them across conversions. */
class SegmentAndWalQueryTest {
    @TempDir
    Path dir;

    private static void numbered(Writer w, int from, int to) {
        for (int i = from; i < to; i++) {
            w.append(i, i % 1000 == 7 ? Level.ERROR : Level.INFO, "l", "event {} of some length to fill files", (long) i);
        }
    }

    /** 20,000 events in segments (a run that closed), then 3,000 in WAL files (a run nothing converted yet). */
    private void segmentsThenWalFiles() throws Exception {
        write(options(dir).maxWalSize(StoreOptions.MIN_WAL_SIZE), w -> numbered(w, 0, 20_000));
        writeUnconverted(options(dir), w -> numbered(w, 20_000, 23_000));
        StoreSummary summary = StoreSet.open(dir).summaries().get(0);
        assertTrue(summary.segments() > 1 && summary.walFiles() > 0, summary.segments() + "/" + summary.walFiles());
    }

    private static List<Long> sequences(List<QueryHit> hits) {
        return hits.stream().map(h -> h.event().sequence()).toList();
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void query_eventsInSegmentsAndWalFiles_eachOnceInOrder() throws Exception {
        segmentsThenWalFiles();
        assertEquals(range(0, 23_000), sequences(run(dir, Query.all())));
    }

    /** One matching block in each segment: the next segments are opened and decoded early, and order holds. */
    @Test
    void query_fewBlocksInEachSegment_everyMatchInOrderBothWays() throws Exception {
        segmentsThenWalFiles();
        List<Long> errors = new ArrayList<>();
        for (long i = 7; i < 23_000; i += 1000) {
            errors.add(i);
        }
        assertEquals(errors, sequences(run(dir, Query.builder().minLevel(Level.ERROR).build())));
        List<Long> reversed = new ArrayList<>(errors);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, sequences(run(dir, Query.builder().minLevel(Level.ERROR).reverse(true).build())));
    }

    /** A message filter formats each message once and hands it to the event: it must be that event's own. */
    @Test
    void query_messageFilter_eachEventKeepsItsOwnMessage() throws Exception {
        segmentsThenWalFiles();
        List<QueryHit> hits = run(dir, Query.builder().regex(java.util.regex.Pattern.compile("[0-9]7 of")).build());
        assertEquals(2_299, hits.size()); // 17, 27, ... 22997: a digit before the 7
        for (QueryHit h : hits) {
            long i = h.event().sequence();
            assertEquals(7, i % 10);
            assertEquals("event " + i + " of some length to fill files", h.event().message());
        }
    }

    @Test
    void query_reverse_readsWalFilesThenSegmentsNewestFirst() throws Exception {
        segmentsThenWalFiles();
        List<Long> expected = new ArrayList<>(range(0, 23_000));
        java.util.Collections.reverse(expected);
        assertEquals(expected, sequences(run(dir, Query.builder().reverse(true).build())));
    }

    @Test
    void query_lastAcrossTheBoundary_returnsTheNewestInOrder() throws Exception {
        segmentsThenWalFiles();
        assertEquals(range(19_000, 23_000), sequences(run(dir, Query.builder().last(4_000).build())));
        List<QueryHit> errors = run(dir, Query.builder().minLevel(Level.ERROR).last(5).build());
        assertEquals(List.of(18_007L, 19_007L, 20_007L, 21_007L, 22_007L), sequences(errors));
    }

    @Test
    void query_whileTheWriterConvertsFiles_returnsEveryAcknowledgedEventOnce() throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (LogStore store = LogStore.open(options(dir).maxWalSize(StoreOptions.MIN_WAL_SIZE).build())) {
            Writer w = new Writer(store::append);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 60_000; i++) {
                        w.append(i, Level.INFO, "l", "event {} of some length to fill files", (long) i);
                        acknowledged.set(i + 1);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            int queries = 0;
            while (writer.isAlive() || queries < 3) {
                long before = acknowledged.get();
                List<Long> seen = sequences(run(dir, Query.all()));
                assertTrue(seen.size() >= before, seen.size() + " events, " + before + " acknowledged before");
                assertEquals(range(0, seen.size()), seen, "each event once, in order");
                queries++;
            }
            writer.join();
        }
        assertNull(failure.get());
        assertEquals(range(0, 60_000), sequences(run(dir, Query.all())));
    }

    @Test
    void follow_storeWithOnlySegments_returnsTheNextRunOnce() throws Exception {
        write(dir, w -> numbered(w, 0, 10));
        try (QueryResult r = StoreSet.open(dir).query(Query.all())) {
            assertEquals(10, sequences(collect(r)).size());
            try (Follower f = r.follow()) {
                assertEquals(List.of(), f.poll());
                // a whole run, its files converted and deleted before the follower could open them
                write(options(dir).maxWalSize(StoreOptions.MIN_WAL_SIZE), w -> numbered(w, 10, 20_010));
                assertEquals(range(10, 20_010), sequences(pollUntil(f, 20_000)));
                assertEquals(List.of(), f.poll());
            }
        }
    }

    @Test
    void follow_liveFileConvertedAfterTheQuery_goesOnWhereTheQueryEnded() throws Exception {
        List<QueryHit> later;
        try (QueryResult r = liveQuery(); Follower f = r.follow()) {
            // the store closes: its live file is sealed, converted and deleted; the follower holds it open
            later = pollUntil(f, 5);
        }
        assertEquals(range(10, 15), sequences(later));
        assertEquals(0, StoreSet.open(dir).summaries().get(0).walFiles());
    }

    /** A store written to by a run that appends 5 more events and closes once the query has ended. */
    private QueryResult liveQuery() throws Exception {
        LogStore store = LogStore.open(options(dir).build());
        Writer w = new Writer(store::append);
        numbered(w, 0, 10);
        QueryResult r = StoreSet.open(dir).query(Query.builder().last(3).build());
        assertEquals(range(7, 10), sequences(collect(r)));
        numbered(w, 10, 15);
        store.close();
        return r;
    }

    private static List<QueryHit> collect(QueryResult r) {
        List<QueryHit> hits = new ArrayList<>();
        r.forEachRemaining(hits::add);
        return hits;
    }

    /** Where the last published record of {@code wal} starts. */
    private static long lastRecord(Path wal) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(wal))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long last = -1;
        for (int p = 128; p + 8 <= b.capacity() && b.getInt(p) != 0; p += (b.getInt(p) + 7) & ~7) {
            last = p;
        }
        return last;
    }

    private static void writeAt(Path file, long at, byte[] bytes) throws Exception {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes), at);
        }
    }

    /**
     * A record the follower found half-written (its length, which a writer writes last, still zero) at
     * the end of what was published: once published, it comes out once, not twice (an audit saw one
     * event in 100,000 twice under a live writer).
     */
    @Test
    void follow_recordSeenHalfWrittenThenPublished_comesOutOnce() throws Exception {
        try (LogStore store = LogStore.open(options(dir).build())) {
            Writer w = new Writer(store::append);
            numbered(w, 0, 5);
            try (QueryResult r = StoreSet.open(dir).query(Query.all())) {
                assertEquals(range(0, 5), sequences(collect(r)));
                try (Follower f = r.follow()) {
                    numbered(w, 5, 6);
                    Path wal = dir.resolve("wal").resolve(String.format("wal_%06d.wal", 1));
                    long at = lastRecord(wal);
                    byte[] length = java.util.Arrays.copyOfRange(java.nio.file.Files.readAllBytes(wal), (int) at,
                            (int) at + 4);
                    writeAt(wal, at, new byte[4]);
                    assertEquals(List.of(), f.poll());

                    writeAt(wal, at, length);
                    List<QueryHit> got = pollUntil(f, 1);
                    Thread.sleep(50);
                    got.addAll(f.poll());
                    assertEquals(List.of(5L), sequences(got));
                }
            }
        }
    }

    /** One store's events come in the order they were appended, whatever their times. */
    @Test
    void follow_eventsWhoseTimesGoBack_comeInTheOrderTheyWereAppended() throws Exception {
        try (LogStore store = LogStore.open(options(dir).build())) {
            Writer w = new Writer(store::append);
            numbered(w, 0, 5);
            try (QueryResult r = StoreSet.open(dir).query(Query.all())) {
                collect(r);
                try (Follower f = r.follow()) {
                    for (long second : new long[] {30, 20, 10}) {
                        w.append(second, Level.INFO, "l", "at {}", second);
                    }
                    assertEquals(range(5, 8), sequences(pollUntil(f, 3)));
                }
            }
        }
    }

    private static List<QueryHit> pollUntil(Follower f, int n) throws Exception {
        List<QueryHit> got = new ArrayList<>();
        for (int tries = 0; got.size() < n && tries < 500; tries++) {
            List<QueryHit> batch = f.poll();
            got.addAll(batch);
            if (batch.isEmpty()) {
                Thread.sleep(20);
            }
        }
        return got;
    }
}
