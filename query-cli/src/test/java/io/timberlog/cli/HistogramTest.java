package io.timberlog.cli;

import io.timberlog.cli.output.Ansi;
import io.timberlog.core.Level;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

class HistogramTest {
    private static final long MINUTE = 60_000_000_000L;
    /** 2024-01-01T00:00:00Z */
    private static final long T0 = 1_704_067_200_000_000_000L;

    private static long[] counts(long error, long warn, long info, long debug) {
        long[] c = new long[Level.values().length];
        c[Level.ERROR.code()] = error;
        c[Level.WARN.code()] = warn;
        c[Level.INFO.code()] = info;
        c[Level.DEBUG.code()] = debug;
        return c;
    }

    private static String draw(TreeMap<Long, long[]> perMinute) {
        return draw(perMinute, ZoneOffset.UTC);
    }

    private static String draw(TreeMap<Long, long[]> perMinute, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        Histogram.draw(sb, perMinute, zone, Ansi.OFF);
        return sb.toString();
    }

    /** One info event every {@code stepMinutes} from {@code start}, {@code n} of them. */
    private static TreeMap<Long, long[]> every(long start, long stepMinutes, int n) {
        TreeMap<Long, long[]> perMinute = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            perMinute.put(start + i * stepMinutes * MINUTE, counts(0, 0, 1, 0));
        }
        return perMinute;
    }

    /** The row labelled {@code label}, or a failure that shows the histogram. */
    private static String row(String drawn, String label) {
        for (String row : drawn.split("\n")) {
            if (row.startsWith("  " + label + " ")) {
                return row;
            }
        }
        throw new AssertionError("no row " + label + " in\n" + drawn);
    }

    @Test
    void split_fewerCellsThanLevels_givesThemToErrorsFirst() {
        assertArrayEquals(new int[] {1, 0, 0, 0}, Histogram.split(1, new long[] {10, 5, 5, 5}));
        assertArrayEquals(new int[] {1, 1, 0, 0}, Histogram.split(2, new long[] {1, 5, 500, 5}));
    }

    @Test
    void split_alwaysFillsExactlyTheCells_byShare() {
        assertArrayEquals(new int[] {0, 0, 50, 0}, Histogram.split(50, new long[] {0, 0, 7, 0}));
        assertArrayEquals(new int[] {1, 1, 47, 1}, Histogram.split(50, new long[] {1, 1, 1000, 1}));
        assertArrayEquals(new int[] {25, 0, 25, 0}, Histogram.split(50, new long[] {3, 0, 3, 0}));
        // exact shares stay exact: one cell per count first, then the rest by share, drew 29/11/10
        assertArrayEquals(new int[] {30, 10, 10, 0}, Histogram.split(50, new long[] {3, 1, 1, 0}));
        assertArrayEquals(new int[] {30, 5, 15, 0}, Histogram.split(50, new long[] {6, 1, 3, 0}));
        for (int cells = 0; cells <= 50; cells++) {
            int sum = 0;
            for (int p : Histogram.split(cells, new long[] {3, 7, 11, 13})) {
                sum += p;
            }
            assertEquals(cells, sum);
        }
    }

    @Test
    void draw_smallBar_showsItsErrorsAndKeepsTheColumns() {
        TreeMap<Long, long[]> perMinute = new TreeMap<>();
        perMinute.put(T0, counts(0, 0, 2000, 0));
        perMinute.put(T0 + MINUTE, counts(10, 5, 5, 5));

        String[] rows = draw(perMinute).split("\n");

        assertEquals("  2024-01-01 00:00 " + "=".repeat(34) + " 2000", rows[1]);
        assertEquals("  2024-01-01 00:01 E" + " ".repeat(33) + " 25 (10 errors, 5 warnings)", rows[2]);
        assertEquals(80, rows[2].length(), "the bar takes what the counts leave of 80 columns");
    }

    @Test
    void draw_oneEventLongBeforeTheOthers_isOneLineAwayNotWeeksOfBuckets() {
        TreeMap<Long, long[]> perMinute = new TreeMap<>();
        perMinute.put(86_400_000_000_000L, counts(0, 0, 1, 0)); // 1970-01-02: a clock that was wrong
        for (int m = 0; m < 10; m++) {
            perMinute.put(T0 + m * MINUTE, counts(0, 0, 100, 0));
        }

        String drawn = draw(perMinute);

        String[] rows = drawn.split("\n");
        assertTrue(rows[0].startsWith("Events per minute"), drawn);
        assertEquals(1 + 1 + 1 + 10, rows.length, drawn);
        assertTrue(rows[1].startsWith("  1970-01-02 00:00 ="), drawn);
        assertEquals("  ... no events for 19721 days 23 hours 59 minutes ...", rows[2]);
        assertTrue(rows[3].startsWith("  2024-01-01 00:00 "), drawn);
    }

    @Test
    void draw_shortGap_showsItsEmptyBuckets() {
        TreeMap<Long, long[]> perMinute = new TreeMap<>();
        perMinute.put(T0, counts(0, 0, 1, 0));
        perMinute.put(T0 + 3 * MINUTE, counts(0, 0, 1, 0));

        String[] rows = draw(perMinute).split("\n");

        assertEquals(5, rows.length);
        assertEquals("  2024-01-01 00:01" + " ".repeat(51) + " 0", rows[2]);
    }

    @Test
    void draw_days_areTheDaysOfTheZoneShown() {
        // every 30 minutes from 2024-04-01T00:00Z for 45 days: in Los Angeles (UTC-7) that starts at 17:00
        String drawn = draw(every(1_711_929_600_000_000_000L, 30, 45 * 48), ZoneId.of("America/Los_Angeles"));

        assertTrue(drawn.startsWith("Events per day"), drawn);
        assertTrue(row(drawn, "2024-03-31").endsWith(" 14"), drawn);
        assertTrue(row(drawn, "2024-04-01").endsWith(" 48"), drawn);
    }

    @Test
    void draw_hours_startOnTheHourOfTheZoneShown() {
        String drawn = draw(every(T0, 60, 10 * 24), ZoneId.of("Asia/Kolkata")); // UTC+05:30

        String[] rows = drawn.split("\n");
        assertTrue(rows[0].startsWith("Events per 6 hours"), drawn);
        for (int i = 1; i < rows.length; i++) {
            assertTrue(rows[i].matches("  \\d{4}-\\d{2}-\\d{2} (00|06|12|18):00 .*"), rows[i]);
        }
    }

    @Test
    void draw_weeksAndMonths_areCalendarOnes() {
        long wednesday = T0 + 2 * 1440 * MINUTE; // 2024-01-03
        String weeks = draw(every(wednesday, 1440, 200));
        assertTrue(weeks.startsWith("Events per week (from Monday)"), weeks);
        assertTrue(row(weeks, "2024-01-01").endsWith(" 5"), weeks); // Wednesday to Sunday
        assertTrue(row(weeks, "2024-01-08").endsWith(" 7"), weeks);

        String months = draw(every(T0, 1440, 3 * 366));
        assertTrue(months.startsWith("Events per month"), months);
        assertTrue(row(months, "2024-02").endsWith(" 29"), months);
        assertTrue(row(months, "2025-02").endsWith(" 28"), months);
    }

    @Test
    void draw_largeCounts_stillFitIn80Columns() {
        TreeMap<Long, long[]> perMinute = new TreeMap<>();
        perMinute.put(T0, counts(1_234_567, 7_654_321, 99_999_999, 0));
        perMinute.put(T0 + MINUTE, counts(1, 1, 0, 0));

        String drawn = draw(perMinute);

        for (String row : drawn.split("\n")) {
            if (row.startsWith("  2024")) {
                assertTrue(row.length() <= 80, row.length() + ": " + row);
            }
        }
        assertTrue(drawn.contains(" 2 (1 error, 1 warning)"), drawn);
    }

    @Test
    void span_wordsTheLengthOfAGap() {
        assertEquals("1 minute", Histogram.span(1));
        assertEquals("2 hours 5 minutes", Histogram.span(125));
        assertEquals("3 days", Histogram.span(3 * 1440));
        assertEquals("1 day 1 hour", Histogram.span(1500));
    }
}
