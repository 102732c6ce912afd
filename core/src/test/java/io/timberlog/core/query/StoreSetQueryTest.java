package io.timberlog.core.query;

import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.NotAStoreException;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.MessageStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.timberlog.core.query.QueryTestStores.*;
import static org.junit.jupiter.api.Assertions.*;

class StoreSetQueryTest {
    @TempDir
    Path dir;

    private void sample() throws IOException {
        write(dir, w -> {
            w.append(1, Level.INFO, "com.acme.orders.OrderService", "order {} for {} took {} ms", 1L, "alice", 120L);
            w.append(2, Level.DEBUG, "com.acme.orders.OrderService", "cache miss {}", "k1");
            w.append(3, Level.WARN, "com.acme.payments.Gateway", "slow gateway {} ms", 900L);
            w.append(4, Level.INFO, "com.acme.orders.OrderService", "order {} for {} took {} ms", 2L, "bob", 700L);
            w.append(w.event(5, Level.ERROR, "com.acme.orders", "payment failed for {}", "carol")
                    .putMdc("requestId", "r-5").addKeyValue("customer", "carol")
                    .throwable(ThrowableInfo.of("java.lang.IllegalStateException", "wrapped", List.of("a.B.c(B.java:1)"), 0,
                            ThrowableInfo.of("java.net.SocketTimeoutException", "read timed out", List.of(), 0, null,
                                    List.of()), List.of())));
            w.append(w.event(6, Level.INFO, "com.acme.orders.OrderService", "order {} for {} took {} ms", 3L, "dave", 501.5)
                    .thread("worker-2"));
        });
    }

    @Test
    void query_all_returnsEveryEventOldestFirst() throws Exception {
        sample();
        List<QueryHit> hits = run(dir, Query.all());
        assertEquals(6, hits.size());
        for (int i = 0; i < hits.size(); i++) {
            assertEquals(i, hits.get(i).event().sequence());
            assertEquals(".", hits.get(i).store().label());
        }
    }

    @Test
    void query_minLevel_returnsThatLevelAndAbove() throws Exception {
        sample();
        assertEquals(List.of("slow gateway 900 ms", "payment failed for carol"),
                messages(dir, Query.builder().minLevel(Level.WARN).build()));
    }

    @Test
    void query_timeRange_isInclusiveAtBothEnds() throws Exception {
        sample();
        assertEquals(List.of("cache miss k1", "slow gateway 900 ms", "order 2 for bob took 700 ms"),
                messages(dir, Query.builder().sinceNanos(T0 + 2 * SECOND).untilNanos(T0 + 4 * SECOND).build()));
    }

    @Test
    void query_loggerTree_matchesLoggerAndDescendantsOnly() throws Exception {
        sample();
        assertEquals(5, messages(dir, Query.builder().loggerTree("com.acme.orders").build()).size());
        assertEquals(1, messages(dir, Query.builder().logger("com.acme.orders").build()).size());
        assertEquals(6, messages(dir, Query.builder().loggerPrefix("com.acme.").build()).size());
    }

    @Test
    void query_thread_matchesExactly() throws Exception {
        sample();
        assertEquals(List.of("order 3 for dave took 501.5 ms"), messages(dir, Query.builder().thread("worker-2").build()));
    }

    @Test
    void query_textAndRegex_matchFormattedMessage() throws Exception {
        sample();
        assertEquals(List.of("order 2 for bob took 700 ms"), messages(dir, Query.builder().text("bob").build()));
        assertEquals(List.of("order 2 for bob took 700 ms"),
                messages(dir, Query.builder().text("BOB").ignoreCase(true).build()));
        assertEquals(List.of(), messages(dir, Query.builder().text("BOB").build()));
        assertEquals(List.of("slow gateway 900 ms", "order 2 for bob took 700 ms"),
                messages(dir, Query.builder().regex(Pattern.compile("\\b[79]00 ms")).build()));
    }

    @Test
    void query_templateWithArgumentPredicate_comparesNumbers() throws Exception {
        sample();
        Query q = Query.builder().template("order {} for {} took {} ms").argument(ArgumentPredicate.parse("2>500")).build();
        assertEquals(List.of("order 2 for bob took 700 ms", "order 3 for dave took 501.5 ms"), messages(dir, q));
        Query names = Query.builder().argument(ArgumentPredicate.parse("1=alice")).build();
        assertEquals(List.of("order 1 for alice took 120 ms"), messages(dir, names));
    }

    @Test
    void query_field_matchesMdcOrKeyValue() throws Exception {
        sample();
        assertEquals(1, messages(dir, Query.builder().field("requestId", "r-5").build()).size());
        assertEquals(1, messages(dir, Query.builder().field("customer", "carol").build()).size());
        assertEquals(0, messages(dir, Query.builder().field("customer", "bob").build()).size());
    }

    @Test
    void query_exception_matchesCauseBySimpleOrFullName() throws Exception {
        sample();
        assertEquals(1, messages(dir, Query.builder().exception("java.net.SocketTimeoutException").build()).size());
        assertEquals(1, messages(dir, Query.builder().exception("SocketTimeoutException").build()).size());
        assertEquals(0, messages(dir, Query.builder().exception("IOException").build()).size());
    }

    @Test
    void query_reverse_returnsNewestFirst() throws Exception {
        sample();
        List<QueryHit> hits = run(dir, Query.builder().reverse(true).build());
        assertEquals(5, hits.get(0).event().sequence());
        assertEquals(0, hits.get(5).event().sequence());
    }

    @Test
    void query_last_returnsNewestInForwardOrder() throws Exception {
        sample();
        List<QueryHit> hits = run(dir, Query.builder().last(2).build());
        assertEquals(List.of(4L, 5L), List.of(hits.get(0).event().sequence(), hits.get(1).event().sequence()));
        List<QueryHit> reversed = run(dir, Query.builder().last(2).reverse(true).build());
        assertEquals(List.of(5L, 4L), List.of(reversed.get(0).event().sequence(), reversed.get(1).event().sequence()));
    }

    @Test
    void query_lastAcrossRotatedFiles_readsBackwardsThroughFiles() throws Exception {
        int n = 20_000;
        write(options(dir).maxWalSize(256 << 10), w -> {
            for (int i = 0; i < n; i++) {
                w.append(i, i % 1000 == 0 ? Level.ERROR : Level.INFO, "l", "event {} of some length to fill files", (long) i);
            }
        });
        StoreSummary summary = StoreSet.open(dir).summaries().get(0);
        assertTrue(summary.segments() + summary.walFiles() > 3, summary.segments() + " segments");
        List<QueryHit> all = run(dir, Query.all());
        assertEquals(n, all.size());
        List<QueryHit> reversed = run(dir, Query.builder().reverse(true).build());
        for (int i = 0; i < n; i++) {
            assertEquals(n - 1 - i, reversed.get(i).event().sequence());
        }
        List<QueryHit> lastErrors = run(dir, Query.builder().minLevel(Level.ERROR).last(3).build());
        assertEquals(List.of("event 17000 of some length to fill files", "event 18000 of some length to fill files",
                "event 19000 of some length to fill files"), lastErrors.stream().map(h -> h.event().message()).toList());
    }

    @Test
    void query_run_selectsByPositionAndId() throws Exception {
        write(dir, w -> w.append(1, Level.INFO, "l", "first run"));
        write(dir, w -> w.append(2, Level.INFO, "l", "second run"));
        write(dir, w -> w.append(3, Level.INFO, "l", "third run"));
        assertEquals(List.of("third run"), messages(dir, Query.builder().run(RunSelector.at(0)).build()));
        assertEquals(List.of("second run"), messages(dir, Query.builder().run(RunSelector.parse("-1")).build()));
        assertEquals(List.of("first run"), messages(dir, Query.builder().run(RunSelector.parse("1")).build()));
        String id = StoreSet.open(dir).runs().get(1).run().id();
        assertEquals(List.of("second run"), messages(dir, Query.builder().run(RunSelector.withId(id)).build()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> messages(dir, Query.builder().run(RunSelector.at(-3)).build()));
        assertTrue(e.getMessage().contains("3 runs"), e.getMessage());
    }

    @Test
    void query_fallbackStores_mergedByTimeWithTheirOrigin() throws Exception {
        write(dir, w -> {
            w.append(1, Level.INFO, "main", "main 1");
            w.append(3, Level.INFO, "main", "main 3");
        });
        write(LogStore.fallbackDirectory(dir, 4711), w -> {
            w.append(2, Level.INFO, "other", "other 2");
            w.append(3, Level.INFO, "other", "other 3");
        });
        List<QueryHit> hits = run(dir, Query.all());
        List<String> seen = new ArrayList<>();
        for (QueryHit h : hits) {
            seen.add(h.store().label() + ":" + h.event().message());
        }
        assertEquals(List.of(".:main 1", "fallback/pid-4711:other 2", ".:main 3", "fallback/pid-4711:other 3"), seen);
        List<QueryHit> back = run(dir, Query.builder().last(3).build());
        assertEquals(List.of("other 2", "main 3", "other 3"), back.stream().map(h -> h.event().message()).toList());
    }

    @Test
    void open_rootOfSeveralStores_findsEach() throws Exception {
        write(dir.resolve("host-a"), w -> w.append(1, Level.INFO, "l", "a"));
        write(dir.resolve("host-b"), w -> w.append(2, Level.INFO, "l", "b"));
        Files.createDirectories(dir.resolve("unrelated"));
        StoreSet set = StoreSet.open(dir);
        assertEquals(List.of("host-a", "host-b"), set.stores().stream().map(StoreRef::label).toList());
        assertEquals(List.of("a", "b"), messages(dir, Query.all()));
    }

    /**
     * Below a root, stores are found however deep; a directory reached twice (a link to it, a link
     * that loops) is read once; another program's manifest.json or an empty segments/ is no store.
     */
    @Test
    void open_rootOfStoresAtAnyDepth_findsEachOnce_andNothingElse() throws Exception {
        write(dir.resolve("eu/rack1/host1/app"), w -> w.append(1, Level.INFO, "l", "deep"));
        write(dir.resolve("us/host2/app"), w -> w.append(2, Level.INFO, "l", "shallow"));
        Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(dir.resolve("links/alias"), dir.resolve("us"));
        Files.createSymbolicLink(dir.resolve("links/up"), dir);
        Files.createDirectories(dir.resolve("web"));
        Files.writeString(dir.resolve("web/manifest.json"), "{\"name\":\"a web app\"}");
        Files.createDirectories(dir.resolve("junk/segments"));

        StoreSet set = StoreSet.open(dir);

        assertEquals(2, set.stores().size(), set.stores().toString());
        assertEquals(List.of("deep", "shallow"), messages(dir, Query.all()));
        assertTrue(set.summaries().stream().allMatch(s -> s.bytesOnDisk() > 0), "through a link too");
    }

    @Test
    void open_directoryWithoutStore_throwsNotAStore() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        NotAStoreException e = assertThrows(NotAStoreException.class, () -> StoreSet.open(dir.resolve("empty")));
        assertTrue(e.getMessage().contains("not a TimberLog store"), e.getMessage());
        assertThrows(NotAStoreException.class, () -> StoreSet.open(dir.resolve("missing")));
    }

    @Test
    void query_liveStore_seesEventsOfRunningWriter() throws Exception {
        try (LogStore store = LogStore.open(options(dir).build())) {
            QueryTestStores.Writer w = new QueryTestStores.Writer(store::append);
            w.append(1, Level.INFO, "l", "live {}", 1L);
            assertEquals(List.of("live 1"), messages(dir, Query.all()));
            w.append(2, Level.INFO, "l", "live {}", 2L);
            assertEquals(List.of("live 2"), messages(dir, Query.builder().last(1).build()));
            assertEquals(RunSummary.State.RUNNING, StoreSet.open(dir).runs().get(0).state());
        }
        assertEquals(RunSummary.State.CLEAN, StoreSet.open(dir).runs().get(0).state());
    }

    @Test
    void follow_afterLast_returnsOnlyNewEventsAcrossRotation() throws Exception {
        try (LogStore store = LogStore.open(options(dir).maxWalSize(256 << 10).build())) {
            QueryTestStores.Writer w = new QueryTestStores.Writer(store::append);
            for (int i = 0; i < 10; i++) {
                w.append(i, Level.INFO, "l", "before {}", (long) i);
            }
            StoreSet set = StoreSet.open(dir);
            try (QueryResult r = set.query(Query.builder().last(2).build())) {
                List<String> initial = new ArrayList<>();
                r.forEachRemaining(h -> initial.add(h.event().message()));
                assertEquals(List.of("before 8", "before 9"), initial);
                try (Follower f = r.follow()) {
                    assertEquals(List.of(), f.poll());
                    int n = 6000; // several files of 256 KiB
                    for (int i = 0; i < n; i++) {
                        w.append(100 + i, Level.INFO, "l", "after {} with padding to rotate sooner", (long) i);
                    }
                    List<QueryHit> got = new ArrayList<>();
                    for (int tries = 0; got.size() < n && tries < 200; tries++) {
                        got.addAll(f.poll());
                        if (got.size() < n) {
                            Thread.sleep(20);
                        }
                    }
                    assertEquals(n, got.size());
                    for (int i = 0; i < n; i++) {
                        assertEquals("after " + i + " with padding to rotate sooner", got.get(i).event().message());
                    }
                }
            }
        }
    }

    @Test
    void follow_fallbackStoreThatAppearsLater_isFollowedFromItsStart() throws Exception {
        write(dir, w -> w.append(1, Level.INFO, "main", "main 1"));
        try (QueryResult r = StoreSet.open(dir).query(Query.all())) {
            r.forEachRemaining(h -> { });
            try (Follower f = r.follow()) {
                assertEquals(List.of(), f.poll());
                write(LogStore.fallbackDirectory(dir, 99), w -> w.append(2, Level.INFO, "other", "from a new process"));
                List<QueryHit> got = new ArrayList<>();
                for (int tries = 0; got.isEmpty() && tries < 100; tries++) {
                    got.addAll(f.poll());
                    Thread.sleep(50);
                }
                assertEquals(1, got.size());
                assertEquals("fallback/pid-99", got.get(0).store().label());
            }
        }
    }

    /** Position and length word of the {@code n}th event record of a WAL file. */
    private static int[] eventRecord(Path wal, int n) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(wal)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int events = 0;
        for (int p = 128; ; p += (b.getInt(p) + 7) & ~7) {
            if (b.get(p + 8) == 2 && events++ == n) {
                return new int[] {p, b.getInt(p)};
            }
        }
    }

    private static void writeInt(Path file, long position, int value) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, value), position);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 15})
    void follow_recordPublishedAfterLaterOnes_isReturnedOnce(int last) throws Exception {
        try (LogStore store = LogStore.open(options(dir).build())) {
            QueryTestStores.Writer w = new QueryTestStores.Writer(store::append);
            for (int i = 0; i < 20; i++) {
                w.append(i, Level.INFO, "l", "event {}", (long) i);
            }
            Path wal = Files.list(dir.resolve("wal")).sorted().findFirst().orElseThrow();
            int[] record = eventRecord(wal, 10);
            writeInt(wal, record[0], 0); // as a writer leaves a record it is still copying: length not yet written
            try (QueryResult r = StoreSet.open(dir).query(Query.builder().last(last).build())) {
                List<String> initial = new ArrayList<>();
                r.forEachRemaining(h -> initial.add(h.event().message()));
                assertFalse(initial.contains("event 10"), initial.toString());
                try (Follower f = r.follow()) {
                    assertEquals(List.of(), f.poll());
                    writeInt(wal, record[0], record[1]); // published now, after the records behind it
                    w.append(20, Level.INFO, "l", "event {}", 20L);
                    List<String> later = new ArrayList<>();
                    for (int tries = 0; later.size() < 2 && tries < 100; tries++) {
                        f.poll().forEach(h -> later.add(h.event().message()));
                        Thread.sleep(20);
                    }
                    assertEquals(List.of("event 10", "event 20"), later);
                    assertEquals(List.of(), f.poll());
                }
            }
        }
    }

    @Test
    void verify_flippedByteInWalFile_reportsProblem() throws Exception {
        writeUnconverted(options(dir), w -> {
            for (int i = 0; i < 100; i++) {
                w.append(i, Level.INFO, "l", "event {}", (long) i);
            }
        });
        assertTrue(StoreSet.open(dir).verify().isWhole());
        Path wal = Files.list(dir.resolve("wal")).sorted().findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(wal);
        bytes[2000] ^= 0x40;
        Files.write(wal, bytes);
        VerifyReport report = StoreSet.open(dir).verify();
        assertFalse(report.isWhole());
        assertEquals(wal, report.problems().get(0).file());
        List<QueryHit> hits = run(dir, Query.all());
        assertTrue(hits.size() >= 98 && hits.size() < 100, "intact events around the damage: " + hits.size());
    }

    @Test
    void query_result_streamsBeforeTheScanEnds() throws Exception {
        // more segments than a query opens ahead of the one it reads (at most 8, a block or two each)
        write(options(dir).maxWalSize(256 << 10), w -> {
            for (int i = 0; i < 60_000; i++) {
                w.append(i, Level.INFO, "l", "event {} of some length to fill files", (long) i);
            }
        });
        try (QueryResult r = StoreSet.open(dir).query(Query.all())) {
            assertTrue(r.hasNext());
            assertTrue(r.bytesRead() < r.bytesToRead(), r.bytesRead() + " of " + r.bytesToRead());
        }
    }

    @Test
    void query_literalMessageStyle_matchesTemplateText() throws Exception {
        write(dir, w -> w.append(w.event(1, Level.INFO, "l", "x").message("plain text", MessageStyle.LITERAL)));
        assertEquals(List.of("plain text"), messages(dir, Query.builder().text("plain").build()));
    }
}
