package io.timberlog.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a run's time went, from the {@code jdk.ExecutionSample} events of a flight recording (what
 * {@code jfr print --events jdk.ExecutionSample} lists), summed: samples per thread, and per thread
 * the methods on top of the stack (self) and the methods anywhere on it (total).
 * <pre>java -cp benchmarks/target/classes io.timberlog.bench.JfrProfile RECORDING.jfr [top]</pre>
 * Recordings come from {@code -Dbench.jfr=true}, which records TimberLog's contenders.
 */
public final class JfrProfile {
    private JfrProfile() {
    }

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Map<String, Integer> perThread = new HashMap<>();
        Map<String, Map<String, Integer>> self = new HashMap<>();
        Map<String, Map<String, Integer>> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            RecordedStackTrace stack = e.getStackTrace();
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || stack == null
                    || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            String thread = threadGroup(e.getThread("sampledThread").getJavaName());
            perThread.merge(thread, 1, Integer::sum);
            List<RecordedFrame> frames = stack.getFrames();
            self.computeIfAbsent(thread, t -> new HashMap<>()).merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (seen.add(name(f))) {
                    total.computeIfAbsent(thread, t -> new HashMap<>()).merge(name(f), 1, Integer::sum);
                }
            }
        }
        System.out.println(samples + " execution samples");
        for (Map.Entry<String, Integer> thread : sorted(perThread, perThread.size()).entrySet()) {
            System.out.printf("%n%s: %d samples (%.0f%%)%n", thread.getKey(), thread.getValue(),
                    100.0 * thread.getValue() / samples);
            print("self", self.get(thread.getKey()), thread.getValue(), top);
            print("total", total.get(thread.getKey()), thread.getValue(), top);
        }
    }

    /** The benchmark's calling threads ({@code bench-0}, {@code bench-1}) counted together. */
    private static String threadGroup(String name) {
        return name != null && name.startsWith("bench-") ? "calling threads (bench-*)" : String.valueOf(name);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int threadSamples, int top) {
        System.out.println("  " + title + ":");
        sorted(counts, top).forEach((method, n) -> System.out.printf("    %5.1f%%  %s%n", 100.0 * n / threadSamples,
                method));
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
