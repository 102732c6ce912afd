package io.timberlog.cli;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.ThrowableInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what {@code stats} shows, one event at a time: levels, time range, loggers, templates,
 * exceptions by fingerprint, and events per minute by level. Holds one entry per distinct logger,
 * template, fingerprint and minute, never the events. Not thread-safe.
 */
final class EventStats {
    /** Frames of the stack that, with the class, make an exception's fingerprint. */
    static final int FINGERPRINT_FRAMES = 3;
    private static final long MINUTE = 60_000_000_000L;

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
    private final Map<String, long[]> loggers = new HashMap<>();
    private final Map<String, long[]> templates = new HashMap<>();
    private final Map<List<String>, Failure> failures = new HashMap<>();
    /** Minute (epoch nanos of its start, see {@link #minuteStart}) to counts by level code. */
    final TreeMap<Long, long[]> perMinute = new TreeMap<>();

    void add(LogEvent e) {
        events++;
        long t = e.epochNanos();
        first = Math.min(first, t);
        last = Math.max(last, t);
        levels[e.level().code()]++;
        loggers.computeIfAbsent(e.logger(), k -> new long[1])[0]++;
        templates.computeIfAbsent(e.template(), k -> new long[1])[0]++;
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

    /** The {@code n} most frequent loggers, most frequent first (ties by name). */
    Map<String, Long> topLoggers(int n) {
        return top(loggers, n);
    }

    Map<String, Long> topTemplates(int n) {
        return top(templates, n);
    }

    List<Failure> topFailures(int n) {
        List<Failure> all = new ArrayList<>(failures.values());
        all.sort(Comparator.comparingLong((Failure f) -> -f.count).thenComparingLong(f -> f.first));
        return all.subList(0, Math.min(n, all.size()));
    }

    private static Map<String, Long> top(Map<String, long[]> counts, int n) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                .thenComparing(Map.Entry::getKey));
        Map<String, Long> top = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : entries.subList(0, Math.min(n, entries.size()))) {
            top.put(e.getKey(), e.getValue()[0]);
        }
        return top;
    }
}
