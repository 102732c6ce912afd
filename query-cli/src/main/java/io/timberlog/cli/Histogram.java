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
 * hours, days) so that it fits in about {@link #MAX_ROWS} rows; empty buckets in between are shown.
 */
final class Histogram {
    static final int MAX_ROWS = 60;
    private static final int BAR_WIDTH = 50;
    private static final long MINUTE = 60_000_000_000L;
    private static final int[] BUCKET_MINUTES = {1, 2, 5, 10, 15, 30, 60, 120, 360, 720, 1440, 10080};

    private Histogram() {
    }

    static void draw(StringBuilder sb, TreeMap<Long, long[]> perMinute, ZoneId zone, Ansi ansi) {
        if (perMinute.isEmpty()) {
            return;
        }
        long from = perMinute.firstKey();
        long to = perMinute.lastKey();
        int minutes = BUCKET_MINUTES[BUCKET_MINUTES.length - 1];
        for (int m : BUCKET_MINUTES) {
            if ((to - from) / (m * MINUTE) + 1 <= MAX_ROWS) {
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
        for (long start = buckets.firstKey(); start <= buckets.lastKey(); start += width) {
            long[] b = buckets.getOrDefault(start, new long[Level.values().length]);
            sb.append("  ").append(label.format(Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000_000L)))).append(' ');
            long t = total(b);
            int cells = (int) Math.round((double) t * BAR_WIDTH / max);
            if (t > 0 && cells == 0) {
                cells = 1;
            }
            long errors = b[Level.ERROR.code()] + b[Level.FATAL.code()];
            long warns = b[Level.WARN.code()];
            long infos = b[Level.INFO.code()];
            int[] parts = split(cells, t, errors, warns, infos);
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
    }

    /** Cells for errors, warnings, infos and the rest; a level with events gets at least one cell. */
    private static int[] split(int cells, long total, long errors, long warns, long infos) {
        int[] parts = new int[4];
        if (cells == 0) {
            return parts;
        }
        long[] counts = {errors, warns, infos, total - errors - warns - infos};
        int used = 0;
        for (int i = 0; i < 4; i++) {
            parts[i] = counts[i] == 0 ? 0 : (int) Math.max(1, Math.round((double) counts[i] * cells / total));
            used += parts[i];
        }
        // fix rounding on the largest part so that the bar has exactly `cells` cells
        int largest = 0;
        for (int i = 1; i < 4; i++) {
            if (parts[i] > parts[largest]) {
                largest = i;
            }
        }
        parts[largest] = Math.max(0, parts[largest] + cells - used);
        return parts;
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
