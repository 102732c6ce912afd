package io.timberlog.cli;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.ThrowableInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what {@code stats} shows, one event at a time: levels, time range, loggers, templates,
 * exceptions by fingerprint, and events per minute by level. Holds one entry per distinct fingerprint
 * and minute, and loggers and templates within a budget ({@link TopCounts}), never the events. Not
 * thread-safe.
 */
final class EventStats {
    /** Frames of the stack that, with the class, make an exception's fingerprint. */
    static final int FINGERPRINT_FRAMES = 3;
    private static final long MINUTE = 60_000_000_000L;
    /** Loggers or templates counted exactly: far more than real code has, and some 20 MB of heap. */
    static final int MAX_NAMES = 100_000;
    /** Chars of the loggers or templates counted exactly, so that long ones cannot make up for their number. */
    static final long MAX_NAME_CHARS = 16_000_000;

    /** One exception fingerprint: how often, first and last time, and one message as an example. */
    static final class Failure {
        final String className;
        final List<String> frames;
        final String example;
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        Failure(String className, List<String> frames, String example) {
            this.className = className;
            this.frames = frames;
            this.example = example;
        }
    }

    long events;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    final long[] levels = new long[Level.values().length];
    final TopCounts loggers;
    final TopCounts templates;
    private final Map<List<String>, Failure> failures = new HashMap<>();
    /** Minute (epoch nanos of its start, see {@link #minuteStart}) to counts by level code. */
    final TreeMap<Long, long[]> perMinute = new TreeMap<>();

    /** @param top how many loggers and templates will be listed: at least twice as many are counted */
    EventStats(int top) {
        this(Math.max(MAX_NAMES, (int) Math.min(Integer.MAX_VALUE, 2L * top)), MAX_NAME_CHARS);
    }

    EventStats(int maxNames, long maxNameChars) {
        loggers = new TopCounts(maxNames, maxNameChars);
        templates = new TopCounts(maxNames, maxNameChars);
    }

    void add(LogEvent e) {
        events++;
        long t = e.epochNanos();
        first = Math.min(first, t);
        last = Math.max(last, t);
        levels[e.level().code()]++;
        loggers.add(e.logger());
        templates.add(e.template());
        perMinute.computeIfAbsent(minuteStart(t), k -> new long[Level.values().length])[e.level().code()]++;
        ThrowableInfo x = e.throwable();
        if (x != null) {
            List<String> frames = x.frames().subList(0, Math.min(FINGERPRINT_FRAMES, x.frames().size()));
            List<String> key = new ArrayList<>(frames.size() + 1);
            key.add(x.className());
            key.addAll(frames);
            Failure f = failures.computeIfAbsent(key, k -> new Failure(x.className(), List.copyOf(frames),
                    x.toStringText()));
            f.count++;
            f.first = Math.min(f.first, t);
            f.last = Math.max(f.last, t);
        }
    }

    /**
     * The start of the minute of {@code t}; for the first minute epoch nanoseconds hold, which starts
     * 43 s before them (1677-09-21T00:12:43Z), the earliest time they hold: its start, computed, would
     * wrap around to 2262 and draw an event stamped that early at the other end of the histogram.
     */
    static long minuteStart(long t) {
        long start = t - Math.floorMod(t, MINUTE);
        return start <= t ? start : Long.MIN_VALUE;
    }

    List<Failure> topFailures(int n) {
        List<Failure> all = new ArrayList<>(failures.values());
        all.sort(Comparator.comparingLong((Failure f) -> -f.count).thenComparingLong(f -> f.first));
        return all.subList(0, Math.min(n, all.size()));
    }
}
