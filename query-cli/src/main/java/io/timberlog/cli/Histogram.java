package io.timberlog.cli;

import io.timberlog.cli.output.Ansi;
import io.timberlog.core.Level;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events per minute by level, drawn in the terminal: one row per bucket, a bar whose parts are the
 * levels (errors first). A long time range is drawn with wider buckets (2, 5, 10, 15, 30 minutes,
 * hours, days, weeks) so that it fits in about {@link #MAX_ROWS} rows. Empty buckets in between are
 * shown, but a stretch of {@link #MIN_GAP} or more is one line that says how long it is: a single
 * event from long before the others (a clock that was wrong) must not stretch every bucket to weeks.
 */
final class Histogram {
    static final int MAX_ROWS = 60;
    /** Empty buckets in a row from which they are drawn as one line. */
    static final int MIN_GAP = 3;
    private static final int BAR_WIDTH = 50;
    private static final long MINUTE = 60_000_000_000L;
    private static final int[] BUCKET_MINUTES = {1, 2, 5, 10, 15, 30, 60, 120, 360, 720, 1440, 10080, 40320, 524160};

    private Histogram() {
    }

    static void draw(StringBuilder sb, TreeMap<Long, long[]> perMinute, ZoneId zone, Ansi ansi) {
        if (perMinute.isEmpty()) {
            return;
        }
        int minutes = BUCKET_MINUTES[BUCKET_MINUTES.length - 1];
        for (int m : BUCKET_MINUTES) {
            if (rows(perMinute, m * MINUTE) <= MAX_ROWS) {
                minutes = m;
                break;
            }
        }
        long width = minutes * MINUTE;
        TreeMap<Long, long[]> buckets = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : perMinute.entrySet()) {
            long[] b = buckets.computeIfAbsent(Math.floorDiv(e.getKey(), width) * width, k -> new long[Level.values().length]);
            for (int i = 0; i < b.length; i++) {
                b[i] += e.getValue()[i];
            }
        }
        long max = 1;
        for (long[] b : buckets.values()) {
            max = Math.max(max, total(b));
        }
        DateTimeFormatter label = DateTimeFormatter.ofPattern(minutes >= 1440 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm")
                .withZone(zone);
        sb.append("Events per ").append(minutes == 1 ? "minute" : describe(minutes))
                .append(ansi.enabled() ? " (red: error/fatal, yellow: warn, blue: info, gray: debug/trace)"
                        : " (E error/fatal, W warn, = info, . debug/trace)").append(":\n");
        long previous = Long.MIN_VALUE;
        for (Map.Entry<Long, long[]> e : buckets.entrySet()) {
            long start = e.getKey();
            if (previous != Long.MIN_VALUE) {
                long empty = (start - previous) / width - 1;
                if (empty >= MIN_GAP) {
                    sb.append("  ... no events for ").append(span(empty * minutes)).append(" ...\n");
                } else {
                    for (long t = previous + width; t < start; t += width) {
                        row(sb, label, t, new long[Level.values().length], max, ansi);
                    }
                }
            }
            row(sb, label, start, e.getValue(), max, ansi);
            previous = start;
        }
    }

    /** The rows buckets of {@code width} take: one per bucket with events, and per gap as drawn. */
    private static long rows(TreeMap<Long, long[]> perMinute, long width) {
        long rows = 0;
        long previous = Long.MIN_VALUE;
        for (long minute : perMinute.keySet()) {
            long bucket = Math.floorDiv(minute, width);
            if (bucket == previous) {
                continue;
            }
            if (previous != Long.MIN_VALUE) {
                long empty = bucket - previous - 1;
                rows += empty >= MIN_GAP ? 1 : empty;
            }
            rows++;
            previous = bucket;
        }
        return rows;
    }

    private static void row(StringBuilder sb, DateTimeFormatter label, long start, long[] b, long max, Ansi ansi) {
        sb.append("  ").append(label.format(Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000_000L)))).append(' ');
        long t = total(b);
        int cells = (int) Math.round((double) t * BAR_WIDTH / max);
        if (t > 0 && cells == 0) {
            cells = 1;
        }
        long errors = b[Level.ERROR.code()] + b[Level.FATAL.code()];
        long warns = b[Level.WARN.code()];
        long infos = b[Level.INFO.code()];
        int[] parts = split(cells, new long[] {errors, warns, infos, t - errors - warns - infos});
        bar(sb, ansi, Ansi.RED, 'E', parts[0]);
        bar(sb, ansi, Ansi.YELLOW, 'W', parts[1]);
        bar(sb, ansi, Ansi.BLUE, '=', parts[2]);
        bar(sb, ansi, Ansi.GRAY, '.', parts[3]);
        for (int i = cells; i < BAR_WIDTH; i++) {
            sb.append(' ');
        }
        sb.append(String.format(Locale.ROOT, " %d", t));
        if (errors > 0 || warns > 0) {
            sb.append(" (");
            if (errors > 0) {
                sb.append(errors).append(" errors");
            }
            if (warns > 0) {
                sb.append(errors > 0 ? ", " : "").append(warns).append(" warnings");
            }
            sb.append(')');
        }
        sb.append('\n');
    }

    /**
     * Exactly {@code cells} cells shared among the counts (errors, warnings, infos, the rest) by share,
     * each rounded down and the cells left over going to the largest remainders; a count that is not
     * zero gets one cell at least (a lone error must show), taken from the counts furthest over their
     * share. With fewer cells than such counts, the most severe get them.
     */
    static int[] split(int cells, long[] counts) {
        int[] parts = new int[counts.length];
        long total = 0;
        int nonZero = 0;
        for (long c : counts) {
            total += c;
            nonZero += c > 0 ? 1 : 0;
        }
        if (total == 0 || cells == 0) {
            return parts;
        }
        if (cells <= nonZero) {
            for (int i = 0, left = cells; i < counts.length && left > 0; i++) {
                if (counts[i] > 0) {
                    parts[i] = 1;
                    left--;
                }
            }
            return parts;
        }
        double[] share = new double[counts.length];
        int given = 0;
        for (int i = 0; i < counts.length; i++) {
            share[i] = (double) counts[i] * cells / total;
            parts[i] = counts[i] > 0 ? Math.max(1, (int) share[i]) : 0;
            given += parts[i];
        }
        for (; given > cells; given--) { // the minimums took more than the shares had
            parts[mostOver(parts, share, -1)]--;
        }
        for (; given < cells; given++) {
            parts[mostOver(parts, share, 1)]++;
        }
        return parts;
    }

    /**
     * The count whose cells are furthest above its share ({@code sign} -1, among those above one cell)
     * or below it ({@code sign} 1, among those with a share); the first of equals.
     */
    private static int mostOver(int[] parts, double[] share, int sign) {
        int best = -1;
        double bestGap = 0;
        for (int i = 0; i < parts.length; i++) {
            double gap = sign * (share[i] - parts[i]);
            boolean eligible = sign < 0 ? parts[i] > 1 : share[i] > 0;
            if (eligible && (best < 0 || gap > bestGap)) {
                best = i;
                bestGap = gap;
            }
        }
        return best;
    }

    private static void bar(StringBuilder sb, Ansi ansi, String color, char plain, int n) {
        if (n == 0) {
            return;
        }
        ansi.start(sb, color);
        for (int i = 0; i < n; i++) {
            sb.append(ansi.enabled() ? '\u2588' : plain);
        }
        ansi.end(sb, color);
    }

    private static long total(long[] b) {
        long t = 0;
        for (long v : b) {
            t += v;
        }
        return t;
    }

    /** A stretch of whole minutes: {@code 3 days}, {@code 5 hours 30 minutes}, {@code 1 minute}. */
    static String span(long minutes) {
        if (minutes >= 1440) {
            return plural(minutes / 1440, "day") + (minutes % 1440 == 0 ? "" : " " + span(minutes % 1440));
        }
        if (minutes >= 60) {
            return plural(minutes / 60, "hour") + (minutes % 60 == 0 ? "" : " " + plural(minutes % 60, "minute"));
        }
        return plural(minutes, "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String describe(int minutes) {
        if (minutes % 1440 == 0) {
            return minutes / 1440 == 1 ? "day" : minutes / 1440 + " days";
        }
        if (minutes % 60 == 0) {
            return minutes / 60 == 1 ? "hour" : minutes / 60 + " hours";
        }
        return minutes + " minutes";
    }
}
