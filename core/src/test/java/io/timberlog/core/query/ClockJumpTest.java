package io.timberlog.core.query;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.MessageStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.timberlog.core.query.QueryTestStores.SECOND;
import static io.timberlog.core.query.QueryTestStores.T0;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A clock that jumps back (NTP, a VM restored, a user): events stay in log order, a time filter finds each
 * event by its own timestamp, in segments (whose blocks keep their time range as min and max, not as
 * first and last) and in WAL files alike, and the store is whole.
 */
class ClockJumpTest {
    @TempDir
    Path dir;

    private static final Consumer<QueryTestStores.Writer> JUMPS = w -> {
        long[] seconds = {0, 10, -3_600, 20, -7_200, 30};
        for (int i = 0; i < 6_000; i++) { // more than a block, so that blocks span the jumps
            w.append(seconds[i % 6] + i / 6, Level.INFO, "clock", "event {}", (long) i);
        }
    };

    @Test
    void query_segmentsWrittenWhileTheClockJumpedBack_findEachEventByItsTime() throws Exception {
        QueryTestStores.write(dir, JUMPS);
        assertFindsEachEventByItsTime();
    }

    @Test
    void query_walFilesWrittenWhileTheClockJumpedBack_findEachEventByItsTime() throws Exception {
        QueryTestStores.writeUnconverted(QueryTestStores.options(dir), JUMPS);
        assertFindsEachEventByItsTime();
    }

    /**
     * Epoch nanoseconds hold 1677-09-21 to 2262-04-11. An event stamped by hand beyond them is the
     * earliest or the latest there: year 3000 wrapped around to 1830 before, and --since found it nowhere.
     */
    @Test
    void query_eventsStampedBeyondWhatNanosecondsHold_areTheEarliestAndLatest() throws Exception {
        QueryTestStores.write(dir, w -> {
            w.append(0, Level.INFO, "clock", "now");
            for (String time : new String[] {"3000-01-01T00:00:00Z", "1000-01-01T00:00:00.5Z"}) {
                Instant instant = Instant.parse(time);
                w.append(w.event(0, Level.INFO, "clock", time).timestamp(instant.getEpochSecond(), instant.getNano()));
            }
            w.append(w.event(0, Level.INFO, "clock", "max millis").timestampMillis(Long.MAX_VALUE));
        });

        List<QueryHit> hits = QueryTestStores.run(dir, Query.all());

        assertEquals(List.of(T0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE),
                hits.stream().map(QueryHit::epochNanos).collect(Collectors.toList()));
        assertEquals(List.of("3000-01-01T00:00:00Z", "max millis"), QueryTestStores.messages(dir,
                Query.builder().since(Instant.parse("2100-01-01T00:00:00Z")).build()));
        assertEquals(List.of("1000-01-01T00:00:00.5Z"), QueryTestStores.messages(dir,
                Query.builder().until(Instant.parse("1900-01-01T00:00:00Z")).build()));
    }

    /**
     * An event of 1970-01-01T00:00:00Z (a replayed or hand-made event) keeps its time: 0 used to stand
     * for "no time given" and the event was stored with the time it was stored at. An event given no
     * time still gets that one.
     */
    @Test
    void query_eventStampedAtTheEpoch_keepsItsTime_andOneWithoutATimeGetsTheTimeItWasStored() throws Exception {
        long before = System.currentTimeMillis() * 1_000_000L;
        QueryTestStores.write(dir, w -> {
            w.append(w.event(0, Level.INFO, "clock", "epoch").timestamp(0, 0));
            w.append(new CapturedEvent().level(Level.INFO).logger("clock").thread("main")
                    .message("no time given", MessageStyle.SLF4J));
        });
        long after = System.currentTimeMillis() * 1_000_000L;

        List<QueryHit> hits = QueryTestStores.run(dir, Query.all());

        assertEquals(List.of("epoch", "no time given"), hits.stream().map(h -> h.event().message())
                .collect(Collectors.toList()));
        assertEquals(0L, hits.get(0).epochNanos());
        long stored = hits.get(1).epochNanos();
        assertTrue(stored >= before && stored <= after, stored + " not within the write, " + before + " to " + after);
    }

    private void assertFindsEachEventByItsTime() throws IOException {
        List<String> all = QueryTestStores.messages(dir, Query.all());
        assertEquals(6_000, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals("event " + i, all.get(i), "log order, whatever the clock said");
        }
        // An hour back, give or take the 1,000 s the run lasts: exactly the events written then.
        List<QueryHit> hourBack = QueryTestStores.run(dir, Query.builder().sinceNanos(T0 - 4_000 * SECOND)
                .untilNanos(T0 - 2_000 * SECOND).build());
        assertEquals(1_000, hourBack.size());
        for (QueryHit hit : hourBack) {
            assertEquals(2, hit.event().arguments().get(0).asLong() % 6, hit.event().message());
        }
        assertTrue(StoreSet.open(dir).verify().isWhole());
    }
}
