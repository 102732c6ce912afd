package io.timberlog.cli.output;

/** Epoch nanoseconds as ISO-8601 UTC text with all nine fraction digits: {@code 2024-05-01T10:00:00.123456789Z}. */
public final class Timestamps {
    private Timestamps() {
    }

    public static void appendIso(StringBuilder sb, long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            sb.append(java.time.Instant.ofEpochSecond(seconds, nanos));
            return;
        }
        pad(sb, year, 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        pad(sb, nanos, 9).append('Z');
    }

    public static String iso(long epochNanos) {
        StringBuilder sb = new StringBuilder(30);
        appendIso(sb, epochNanos);
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
