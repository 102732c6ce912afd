package io.timberlog.core.query;

import io.timberlog.core.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.timberlog.core.query.QueryTestStores.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Query#last}: the newest N matches, oldest first (or newest first), whatever N. Beyond what the
 * result holds ({@link QueryResult#LAST_HELD}) it reads forward a second time from where the last N
 * begin in each store; the events must be the same as a whole read's tail, in the same order.
 */
class LastEventsTest {
    private static final int PER_STORE = 50_000;

    @TempDir
    Path root;

    /** Two stores whose events interleave in time: a's at even seconds, b's at odd ones; every 7th a WARN. */
    @BeforeEach
    void twoStores() throws Exception {
        for (int s = 0; s < 2; s++) {
            int store = s;
            write(options(root.resolve(s == 0 ? "a" : "b")).maxWalSize(1 << 20), w -> {
                for (int i = 0; i < PER_STORE; i++) {
                    long second = 2L * i + store;
                    w.append(second, second % 7 == 0 ? Level.WARN : Level.INFO, "l", "event {}", second);
                }
            });
        }
    }

    /** Time, sequence and store of each hit: the merge order's key. */
    private static List<String> keys(List<QueryHit> hits) {
        List<String> keys = new ArrayList<>(hits.size());
        for (QueryHit h : hits) {
            keys.add(h.epochNanos() + "/" + h.sequence() + "/" + h.store().index());
        }
        return keys;
    }

    private List<String> read(Query.Builder query) throws Exception {
        return keys(run(root, query.build()));
    }

    private static List<String> tail(List<String> all, int n) {
        return new ArrayList<>(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    @Test
    void last_moreThanTheResultHolds_isTheTailOfAWholeRead() throws Exception {
        int n = QueryResult.LAST_HELD + 10_000;
        List<String> all = read(Query.builder());
        assertEquals(2 * PER_STORE, all.size());

        assertEquals(tail(all, n), read(Query.builder().last(n)));
    }

    @Test
    void last_moreThanTheResultHolds_withAFilter() throws Exception {
        int n = QueryResult.LAST_HELD + 1;
        List<String> warnings = read(Query.builder().minLevel(Level.WARN));
        assertTrue(warnings.size() > 10_000, "warnings: " + warnings.size());
        List<String> info = read(Query.builder().minLevel(Level.INFO));

        assertEquals(tail(warnings, n), read(Query.builder().minLevel(Level.WARN).last(n)));
        assertEquals(tail(info, n), read(Query.builder().minLevel(Level.INFO).last(n)));
    }

    @Test
    void last_moreThanThereAre_isEveryEvent() throws Exception {
        List<String> all = read(Query.builder());
        assertEquals(all, read(Query.builder().last(3 * PER_STORE)));
    }

    @Test
    void last_newestFirst_isAWholeReversedReadCut() throws Exception {
        int n = QueryResult.LAST_HELD + 10_000;
        List<String> reversed = read(Query.builder().reverse(true));
        List<String> all = read(Query.builder());
        List<String> expected = new ArrayList<>(all);
        Collections.reverse(expected);
        assertEquals(expected, reversed);

        assertEquals(reversed.subList(0, n), read(Query.builder().reverse(true).last(n)));
    }
}
