package io.timberlog.cli;

import io.timberlog.cli.output.Ansi;
import io.timberlog.core.Level;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events per minute by level, drawn in the terminal: one row per bucket, a bar whose parts are the
 * levels (errors first). A long time range is drawn with wider buckets (2, 5, 10, 15, 30 minutes,
 * hours, days, then calendar weeks from Monday, months and years) so that it fits in about
 * {@link #MAX_ROWS} rows. Buckets are cut in the zone the times are shown in: a row labelled with a
 * day holds that day's events there, and an hour row starts on the hour. Empty buckets in between are
 * shown, but a stretch of {@link #MIN_GAP} or more is one line that says how long it is: a single
 * event from long before the others (a clock that was wrong) must not stretch every bucket to weeks.
 * Rows fit in {@link #WIDTH} columns: the bar takes what the label and the counts leave.
 */
final class Histogram {
    static final int MAX_ROWS = 60;
    /** Empty buckets in a row from which they are drawn as one line. */
    static final int MIN_GAP = 3;
    /** The width rows fit in: a terminal's default, and all a pipe's reader can be assumed to have. */
    static final int WIDTH = 80;
    private static final int MAX_BAR = 50;
    private static final int MIN_BAR = 10;
    private static final long MINUTE = 60_000_000_000L;
    private static final int DAY_MINUTES = 1440;
    private static final Unit[] UNITS = {Unit.minutes(1), Unit.minutes(2), Unit.minutes(5), Unit.minutes(10),
            Unit.minutes(15), Unit.minutes(30), Unit.minutes(60), Unit.minutes(120), Unit.minutes(360),
            Unit.minutes(720), Unit.minutes(DAY_MINUTES), Unit.calendar(ChronoUnit.WEEKS),
            Unit.calendar(ChronoUnit.MONTHS), Unit.calendar(ChronoUnit.YEARS)};

    private Histogram() {
    }

    /** @param perMinute counts by level, keyed by the epoch nanoseconds at which their minute starts */
    static void draw(StringBuilder sb, TreeMap<Long, long[]> perMinute, ZoneId zone, Ansi ansi) {
        if (perMinute.isEmpty()) {
            return;
        }
        TreeMap<Long, long[]> local = localMinutes(perMinute, zone);
        Unit unit = UNITS[UNITS.length - 1];
        for (Unit u : UNITS) {
            if (rows(local, u) <= MAX_ROWS) {
                unit = u;
                break;
            }
        }
        TreeMap<Long, long[]> buckets = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : local.entrySet()) {
            long[] b = buckets.computeIfAbsent(unit.start(e.getKey()), k -> new long[Level.values().length]);
            for (int i = 0; i < b.length; i++) {
                b[i] += e.getValue()[i];
            }
        }
        long max = 1;
        int suffix = " 0".length(); // an empty bucket's
        for (long[] b : buckets.values()) {
            max = Math.max(max, total(b));
            suffix = Math.max(suffix, counts(new StringBuilder(), b).length());
        }
        DateTimeFormatter label = DateTimeFormatter.ofPattern(unit.labelPattern(), Locale.ROOT);
        int bar = Math.max(MIN_BAR, Math.min(MAX_BAR, WIDTH - 2 - unit.labelPattern().length() - 1 - suffix));
        sb.append("Events per ").append(unit.name)
                .append(ansi.enabled() ? " (red: error/fatal, yellow: warn, blue: info, gray: debug/trace)"
                        : " (E error/fatal, W warn, = info, . debug/trace)").append(":\n");
        long previous = Long.MIN_VALUE;
        for (Map.Entry<Long, long[]> e : buckets.entrySet()) {
            long start = e.getKey();
            if (previous != Long.MIN_VALUE) {
                long firstEmpty = unit.next(previous);
                if (unit.emptyBetween(previous, start) >= MIN_GAP) {
                    sb.append("  ... no events for ").append(span(start - firstEmpty)).append(" ...\n");
                } else {
                    for (long t = firstEmpty; t < start; t = unit.next(t)) {
                        row(sb, label, t, new long[Level.values().length], max, bar, ansi);
                    }
                }
            }
            row(sb, label, start, e.getValue(), max, bar, ansi);
            previous = start;
        }
    }

    /** The counts keyed by local minute: minutes since 1970-01-01T00:00 on the clocks of {@code zone}. */
    private static TreeMap<Long, long[]> localMinutes(TreeMap<Long, long[]> perMinute, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        TreeMap<Long, long[]> local = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : perMinute.entrySet()) {
            long minute = Math.floorDiv(e.getKey(), MINUTE);
            int offset = rules.getOffset(Instant.ofEpochSecond(minute * 60)).getTotalSeconds();
            // two minutes of an hour the clocks went back through are one
            local.merge(minute + Math.floorDiv(offset, 60), e.getValue().clone(), (a, b) -> {
                for (int i = 0; i < a.length; i++) {
                    a[i] += b[i];
                }
                return a;
            });
        }
        return local;
    }

    /** The rows buckets of {@code unit} take: one per bucket with events, and per gap as drawn. */
    private static long rows(TreeMap<Long, long[]> localMinutes, Unit unit) {
        long rows = 0;
        long previous = Long.MIN_VALUE;
        for (long minute : localMinutes.keySet()) {
            long bucket = unit.start(minute);
            if (bucket == previous) {
                continue;
            }
            if (previous != Long.MIN_VALUE) {
                long empty = unit.emptyBetween(previous, bucket);
                rows += empty >= MIN_GAP ? 1 : empty;
            }
            rows++;
            previous = bucket;
        }
        return rows;
    }

    private static void row(StringBuilder sb, DateTimeFormatter label, long localMinute, long[] b, long max, int width,
                            Ansi ansi) {
        sb.append("  ").append(label.format(LocalDateTime.ofEpochSecond(localMinute * 60, 0, ZoneOffset.UTC)))
                .append(' ');
        long t = total(b);
        int cells = (int) Math.round((double) t * width / max);
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
        for (int i = cells; i < width; i++) {
            sb.append(' ');
        }
        counts(sb, b).append('\n');
    }

    /** What follows the bar: {@code " 149 (18 errors, 92 warnings)"}. */
    private static StringBuilder counts(StringBuilder sb, long[] b) {
        long errors = b[Level.ERROR.code()] + b[Level.FATAL.code()];
        long warns = b[Level.WARN.code()];
        sb.append(' ').append(total(b));
        if (errors > 0 || warns > 0) {
            sb.append(" (");
            if (errors > 0) {
                sb.append(Plural.of(errors, "error"));
            }
            if (warns > 0) {
                sb.append(errors > 0 ? ", " : "").append(Plural.of(warns, "warning"));
            }
            sb.append(')');
        }
        return sb;
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
            return Plural.of(minutes / 1440, "day") + (minutes % 1440 == 0 ? "" : " " + span(minutes % 1440));
        }
        if (minutes >= 60) {
            return Plural.of(minutes / 60, "hour") + (minutes % 60 == 0 ? "" : " " + Plural.of(minutes % 60, "minute"));
        }
        return Plural.of(minutes, "minute");
    }

    /**
     * A bucket's length: whole minutes counted from local midnight (each divides a day), or a calendar
     * week (from Monday), month or year. Works in local minutes.
     */
    private static final class Unit {
        final String name;
        private final int minutes;
        private final ChronoUnit calendar;

        private Unit(String name, int minutes, ChronoUnit calendar) {
            this.name = name;
            this.minutes = minutes;
            this.calendar = calendar;
        }

        static Unit minutes(int minutes) {
            String name = minutes % DAY_MINUTES == 0 ? "day"
                    : minutes == 60 ? "hour"
                    : minutes % 60 == 0 ? minutes / 60 + " hours"
                    : minutes == 1 ? "minute" : minutes + " minutes";
            return new Unit(name, minutes, null);
        }

        static Unit calendar(ChronoUnit unit) {
            String name = unit == ChronoUnit.WEEKS ? "week (from Monday)" : unit == ChronoUnit.MONTHS ? "month" : "year";
            return new Unit(name, 0, unit);
        }

        /** The start of the bucket that holds {@code localMinute}. */
        long start(long localMinute) {
            if (calendar == null) {
                return Math.floorDiv(localMinute, minutes) * minutes;
            }
            LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(localMinute, DAY_MINUTES));
            LocalDate first = calendar == ChronoUnit.WEEKS ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    : calendar == ChronoUnit.MONTHS ? day.withDayOfMonth(1) : day.withDayOfYear(1);
            return first.toEpochDay() * DAY_MINUTES;
        }

        /** The start of the bucket after the one that starts at {@code start}. */
        long next(long start) {
            if (calendar == null) {
                return start + minutes;
            }
            return LocalDate.ofEpochDay(Math.floorDiv(start, DAY_MINUTES)).plus(1, calendar).toEpochDay() * DAY_MINUTES;
        }

        /** Buckets strictly between those that start at {@code from} and {@code to}, counted up to {@link #MIN_GAP}. */
        long emptyBetween(long from, long to) {
            if (calendar == null) {
                return (to - from) / minutes - 1;
            }
            long empty = 0;
            for (long t = next(from); t < to && empty < MIN_GAP; t = next(t)) {
                empty++;
            }
            return empty;
        }

        String labelPattern() {
            if (calendar == ChronoUnit.YEARS) {
                return "yyyy";
            }
            if (calendar == ChronoUnit.MONTHS) {
                return "yyyy-MM";
            }
            return calendar != null || minutes % DAY_MINUTES == 0 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm";
        }
    }
}
