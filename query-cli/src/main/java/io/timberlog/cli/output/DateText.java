package io.timberlog.cli.output;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Formats event times for {@code %d}. Consecutive events mostly fall in the same second, so the text
 * up to the second is kept and only the milliseconds are appended when the pattern ends with them
 * ({@code ...ss.SSS} or {@code ...ss,SSS}, as the usual patterns do); other patterns are formatted
 * whole, once per millisecond at most. Not thread-safe.
 */
final class DateText {
    private final DateTimeFormatter formatter;
    private final DateTimeFormatter secondsFormatter;
    private final char millisSeparator;
    private final boolean subMillisecond;
    private long cachedKey = Long.MIN_VALUE;
    private String cached;
    /** {@link #cached} made safe for a terminal, when it is the text up to the second. */
    private String cachedVisible;

    DateText(DateTimeFormatter formatter, String pattern) {
        this.formatter = formatter;
        int n = pattern.length();
        boolean millisAtEnd = n > 4 && pattern.endsWith("SSS") && (pattern.charAt(n - 4) == '.' || pattern.charAt(n - 4) == ',')
                && pattern.indexOf('S') == n - 3 && pattern.indexOf('\'') < 0;
        this.secondsFormatter = millisAtEnd
                ? DateTimeFormatter.ofPattern(pattern.substring(0, n - 4)).withZone(formatter.getZone()) : null;
        this.millisSeparator = millisAtEnd ? pattern.charAt(n - 4) : 0;
        this.subMillisecond = pattern.contains("SSSS") || pattern.contains("n") || pattern.contains("N");
    }

    /** Appends the time as {@link #format} has it, made safe for a terminal ({@link SafeText}). */
    void appendVisible(StringBuilder sb, long epochNanos) {
        if (secondsFormatter == null) {
            SafeText.appendVisible(sb, format(epochNanos), false);
            return;
        }
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        if (seconds != cachedKey || cachedVisible == null) {
            cacheSecond(seconds);
        }
        int millis = (int) Math.floorMod(epochNanos, 1_000_000_000L) / 1_000_000;
        sb.append(cachedVisible).append(millisSeparator);
        if (millis < 100) {
            sb.append(millis < 10 ? "00" : "0");
        }
        sb.append(millis);
    }

    /**
     * Formats the text up to the second: once a second of events, in a method of its own so that the
     * compiler leaves the formatter out of the code it makes for every event.
     */
    private void cacheSecond(long seconds) {
        cached = secondsFormatter.format(Instant.ofEpochSecond(seconds));
        cachedKey = seconds;
        StringBuilder visible = new StringBuilder(cached.length());
        SafeText.appendVisible(visible, cached, false);
        cachedVisible = visible.toString();
    }

    String format(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        if (secondsFormatter != null) {
            if (seconds != cachedKey) {
                cached = secondsFormatter.format(Instant.ofEpochSecond(seconds));
                cachedKey = seconds;
                cachedVisible = null;
            }
            int millis = nanos / 1_000_000;
            StringBuilder sb = new StringBuilder(cached.length() + 4).append(cached).append(millisSeparator);
            if (millis < 100) {
                sb.append(millis < 10 ? "00" : "0");
            }
            return sb.append(millis).toString();
        }
        long key = subMillisecond ? Long.MIN_VALUE + 1 : Math.floorDiv(epochNanos, 1_000_000L);
        if (key == cachedKey && !subMillisecond) {
            return cached;
        }
        cached = formatter.format(Instant.ofEpochSecond(seconds, nanos));
        cachedKey = key;
        return cached;
    }
}
