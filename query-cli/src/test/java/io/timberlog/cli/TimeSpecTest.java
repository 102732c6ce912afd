package io.timberlog.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.*;

class TimeSpecTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:30:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static long parse(String text, ZoneId zone) {
        return TimeSpec.parse("--since", text, NOW, zone, false);
    }

    @Test
    void parse_iso_withAndWithoutOffset() {
        assertEquals(nanos("2024-05-01T10:00:00Z"), parse("2024-05-01T10:00:00Z", BERLIN));
        assertEquals(nanos("2024-05-01T08:00:00Z"), parse("2024-05-01T10:00:00+02:00", ZoneOffset.UTC));
        assertEquals(nanos("2024-05-01T08:00:00.250Z"), parse("2024-05-01 10:00:00.250", BERLIN));
        assertEquals(nanos("2024-04-30T22:00:00Z"), parse("2024-05-01", BERLIN));
        assertEquals(nanos("2024-05-01T07:05:00Z"), parse("9:05", BERLIN));
    }

    @Test
    void parse_iso_withoutSeconds_inEveryOffsetForm() {
        for (String t : new String[] {"2024-05-01T10:00Z", "2024-05-01 10:00Z", "2024-05-01T10:00z",
                "2024-05-01T12:00+02:00", "2024-05-01T10:00:00Z", "2024-05-01T12:00+0200", "2024-05-01T12:00+02",
                "2024-05-01T04:30:00-0530", "2024-05-01 12:00:00.000+02"}) {
            assertEquals(nanos("2024-05-01T10:00:00Z"), parse(t, BERLIN), t);
        }
    }

    @Test
    void parse_relative_countsBack() {
        assertEquals(nanos("2024-05-01T12:20:00Z"), parse("10m", ZoneOffset.UTC));
        assertEquals(nanos("2024-05-01T12:20:00Z"), parse("-10m", ZoneOffset.UTC));
        assertEquals(nanos("2024-05-01T11:00:00Z"), parse("1h30m", ZoneOffset.UTC));
        assertEquals(nanos("2024-04-24T12:30:00Z"), parse("1w", ZoneOffset.UTC));
        assertEquals(nanos("2024-05-01T12:29:59.500Z"), parse("500ms", ZoneOffset.UTC));
    }

    /** As journalctl: m a minute, M a month (30.44 days), y a year (365.25 days). */
    @Test
    void parse_relative_monthsAndYears_asSystemdCountsThem() {
        assertEquals(nanos("2024-05-01T12:20:00Z"), parse("10m", ZoneOffset.UTC));
        assertEquals(nanos("2024-05-01T12:20:00Z"), parse("10MIN", ZoneOffset.UTC));
        assertEquals(nanos("2024-05-01T12:30:00Z") - 2 * 2_630_016_000_000_000L, parse("2M", ZoneOffset.UTC));
        assertEquals(nanos("2024-05-01T12:30:00Z") - 31_557_600_000_000_000L, parse("1y", ZoneOffset.UTC));
        assertEquals(nanos("2024-04-30T12:30:00Z"), parse("1D", ZoneOffset.UTC));
    }

    /** 01:30 on 2024-11-03 in New York came twice (EDT, then EST): --since takes the first, --until the second. */
    @Test
    void parse_localTimeTheClocksShowedTwice_sinceTakesTheFirst_untilTheSecond() {
        ZoneId newYork = ZoneId.of("America/New_York");
        assertEquals(nanos("2024-11-03T05:30:00Z"), TimeSpec.parse("--since", "2024-11-03 01:30", NOW, newYork, false));
        assertEquals(nanos("2024-11-03T06:30:00Z"), TimeSpec.parse("--until", "2024-11-03 01:30", NOW, newYork, true));
        assertEquals(nanos("2024-11-03T06:59:59Z"),
                TimeSpec.parse("--until", "2024-11-03T01:59:59", NOW, newYork, true), "the whole hour as shown");
    }

    @Test
    void parse_words_localMidnight() {
        assertEquals(nanos("2024-04-30T22:00:00Z"), parse("today", BERLIN));
        assertEquals(nanos("2024-04-29T22:00:00Z"), parse("YESTERDAY", BERLIN));
        assertEquals(nanos("2024-05-01T12:30:00Z"), parse("now", BERLIN));
    }

    @Test
    void parse_garbage_namesOptionAndForms() {
        UserError e = assertThrows(UserError.class, () -> TimeSpec.parse("--until", "soon", NOW, ZoneOffset.UTC, true));
        assertTrue(e.getMessage().startsWith("invalid --until 'soon': expected an ISO-8601 time"), e.getMessage());
        assertThrows(UserError.class, () -> parse("99999999999999999d", ZoneOffset.UTC));
        UserError tooLong = assertThrows(UserError.class, () -> parse("9999999999999999999s", ZoneOffset.UTC));
        assertTrue(tooLong.getMessage().startsWith("invalid --since '9999999999999999999s': expected"),
                tooLong.getMessage());
        assertThrows(UserError.class, () -> parse("25:00", ZoneOffset.UTC));
    }
}
