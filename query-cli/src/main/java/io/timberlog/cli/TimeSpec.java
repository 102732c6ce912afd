package io.timberlog.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times of {@code --since} and {@code --until}: ISO-8601 ({@code 2024-05-01T10:00:00Z},
 * {@code 2024-05-01T12:00:00+02:00}, {@code 2024-05-01 10:00}, {@code 2024-05-01}, {@code 10:00:00},
 * local time where no offset is given), relative to now ({@code 10m}, {@code 2h}, {@code 1h30m},
 * {@code 3d}, {@code 1w}, {@code 2M}, {@code 1y}, {@code 500ms}, also written {@code -10m}), and
 * {@code now}, {@code today}, {@code yesterday}, {@code tomorrow} (local midnight). Units are those of
 * journalctl (systemd's time spans): {@code m} is a minute, {@code M} a month (30.44 days), {@code y} a
 * year (365.25 days); the others in either case.
 */
final class TimeSpec {
    private static final Pattern RELATIVE = Pattern.compile("-?((\\d+)(ms|s|m|min|h|d|w|y))+");
    /** A date and time with an offset from UTC: {@code +02:00}, {@code +0200} or {@code +02}. */
    private static final Pattern OFFSET = Pattern.compile("(.*T.*)([+-])(\\d\\d):?(\\d\\d)?");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|min|m|h|d|w|y)", Pattern.CASE_INSENSITIVE);
    private static final long DAY_NANOS = 86_400_000_000_000L;

    private TimeSpec() {
    }

    /**
     * Epoch nanoseconds of {@code text}; {@link UserError} naming {@code option} when it is not a time.
     *
     * @param latest for a local time that the clocks showed twice (the hour they were put back), the later
     *               of the two instants: an {@code --until} then takes in the whole hour as shown
     */
    static long parse(String option, String text, Instant now, ZoneId zone, boolean latest) {
        String t = text.trim();
        try {
            Instant instant = instant(t.toLowerCase(Locale.ROOT), t, now, zone, latest);
            if (instant != null) {
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) { // a number too long for a long
            // reported below
        }
        throw new UserError("invalid " + option + " '" + text + "': expected an ISO-8601 time (2024-05-01T10:00:00Z, "
                + "2024-05-01 10:00, 10:00), a time ago (30s, 10m, 2h, 3d, 1w, 2M, 1y) or now, today, yesterday");
    }

    private static Instant instant(String lower, String t, Instant now, ZoneId zone, boolean latest) {
        switch (lower) {
            case "now": return now;
            case "today": return LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
            case "yesterday": return LocalDate.ofInstant(now, zone).minusDays(1).atStartOfDay(zone).toInstant();
            case "tomorrow": return LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
            default:
        }
        if (RELATIVE.matcher(lower).matches()) {
            long nanos = 0;
            Matcher m = PART.matcher(t);
            while (m.find()) {
                nanos = Math.addExact(nanos, Math.multiplyExact(Long.parseLong(m.group(1)), unitNanos(m.group(2))));
            }
            return now.minusNanos(nanos);
        }
        String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
        if (iso.endsWith("Z") || iso.endsWith("z")) {
            // the offset form, unlike Instant.parse, takes a time without seconds: 2024-05-01T10:00Z
            return OffsetDateTime.parse(iso.substring(0, iso.length() - 1) + 'Z').toInstant();
        }
        Matcher offset = OFFSET.matcher(iso);
        if (offset.matches()) {
            // ISO-8601's basic forms too (+0200, +02), which the parser takes only as +02:00
            String minutes = offset.group(4) == null ? "00" : offset.group(4);
            return OffsetDateTime.parse(offset.group(1) + offset.group(2) + offset.group(3) + ':' + minutes).toInstant();
        }
        if (iso.contains("T")) {
            return at(ZonedDateTime.of(LocalDateTime.parse(iso), zone), latest);
        }
        if (iso.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
        }
        if (iso.matches("\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?")) {
            String padded = iso.indexOf(':') == 1 ? "0" + iso : iso;
            return at(ZonedDateTime.of(LocalDate.ofInstant(now, zone), LocalTime.parse(padded), zone), latest);
        }
        return null;
    }

    private static Instant at(ZonedDateTime local, boolean latest) {
        return (latest ? local.withLaterOffsetAtOverlap() : local.withEarlierOffsetAtOverlap()).toInstant();
    }

    private static long unitNanos(String unit) {
        if (unit.equals("M")) {
            return DAY_NANOS * 3044 / 100; // a month, as systemd counts one
        }
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "ms": return 1_000_000L;
            case "s": return 1_000_000_000L;
            case "m": case "min": return 60_000_000_000L;
            case "h": return 3_600_000_000_000L;
            case "d": return DAY_NANOS;
            case "y": return DAY_NANOS * 36525 / 100;
            default: return 7 * DAY_NANOS;
        }
    }
}
