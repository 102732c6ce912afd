package io.timberlog.cli.output;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Epoch nanoseconds as ISO-8601 UTC text with all nine fraction digits:
 * {@code 2024-05-01T10:00:00.123456789Z}. An instance remembers the text of the last second it
 * wrote, because consecutive events mostly share it. Not thread-safe.
 */
public final class Timestamps {
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;

    /** Appends the time, reusing the text of the previous call's second when it is the same. */
    public void append(StringBuilder sb, long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        if (seconds != cachedSecond) {
            cachedPrefix = secondText(seconds);
            cachedSecond = seconds;
        }
        if (cachedPrefix == null) {
            sb.append(Instant.ofEpochSecond(seconds, nanos)); // a year outside 0..9999
            return;
        }
        pad(sb.append(cachedPrefix), nanos, 9).append('Z');
    }

    /** {@code 2024-05-01T10:00:00.}, or {@code null} for a year of other than four digits. */
    private static String secondText(long seconds) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return null;
        }
        StringBuilder sb = new StringBuilder(20);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        return sb.toString();
    }

    /** The time as text, for a one-off. */
    public static String iso(long epochNanos) {
        StringBuilder sb = new StringBuilder(30);
        new Timestamps().append(sb, epochNanos);
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (value < limit) {
                sb.append('0');
            }
        }
        return sb.append(value);
    }
}
