package io.timberlog.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses option values written by people in configuration files: sizes such as {@code 64MiB},
 * {@code 512KB} or {@code 2g} (units are powers of 1024, as in logback) and durations such as
 * {@code 1000ms}, {@code 1s}, {@code 10m}, {@code 2h}, {@code 14d} or ISO-8601 {@code PT1S}.
 */
public final class ConfigValues {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)?", Pattern.CASE_INSENSITIVE);

    private ConfigValues() {
    }

    /** Bytes of a size such as {@code 64MiB}; throws IllegalArgumentException naming the bad value. */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (examples: 64MiB, 512KB, 2GiB)");
        }
        long value = parseLong(m.group(1), text);
        int shift;
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k": shift = 10; break;
            case "m": shift = 20; break;
            case "g": shift = 30; break;
            case "t": shift = 40; break;
            default: shift = 0;
        }
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return value << shift;
    }

    /** A duration such as {@code 1s}, {@code 250ms}, {@code 14d} or {@code PT1S}; a bare number is milliseconds. */
    public static Duration parseDuration(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "'");
            }
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (examples: 500ms, 1s, 10m, 14d)");
        }
        long value = parseLong(m.group(1), text);
        String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
        try {
            switch (unit) {
                case "s": return Duration.ofSeconds(value);
                case "m": return Duration.ofMinutes(value);
                case "h": return Duration.ofHours(value);
                case "d": return Duration.ofDays(value);
                case "w": return Duration.ofDays(Math.multiplyExact(value, 7));
                default: return Duration.ofMillis(value);
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration too large: '" + text + "'");
        }
    }

    private static long parseLong(String digits, String text) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number too large in '" + text + "'");
        }
    }
}
