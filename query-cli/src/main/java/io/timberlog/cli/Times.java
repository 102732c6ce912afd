package io.timberlog.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times and durations as the listing commands show them. */
final class Times {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Times() {
    }

    /** {@code 2024-05-01 10:00:00} in {@code zone}; {@code -} for 0 (unknown). */
    static String seconds(long epochNanos, ZoneId zone) {
        if (epochNanos == 0) {
            return "-";
        }
        return SECONDS.withZone(zone).format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)));
    }

    /**
     * The time from {@code fromNanos} to {@code toNanos} (epoch nanoseconds), as {@code 3d 4h},
     * {@code 2h 5m}, {@code 4m 10s}, {@code 12s}. Counted in seconds where the nanoseconds between
     * them are more than a long holds (292 years: an event stamped in 1677, another now).
     */
    static String duration(long fromNanos, long toNanos) {
        long s;
        try {
            s = Math.max(0, Math.subtractExact(toNanos, fromNanos) / 1_000_000_000L);
        } catch (ArithmeticException moreThanALongHolds) {
            s = Math.max(0, Math.floorDiv(toNanos, 1_000_000_000L) - Math.floorDiv(fromNanos, 1_000_000_000L));
        }
        if (s >= 86_400) {
            return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s + "s";
    }

    /** {@code 1.5 MiB} */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
