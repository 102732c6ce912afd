package io.timberlog.bench;

import io.timberlog.bench.child.IngestChild;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The ingest part: every contender, every thread count, {@code rounds} times, each run in a new JVM.
 * Runs alternate: a round runs every contender once, and each round starts one contender further
 * down the list, so that no contender always runs first (or right after a particular other one).
 */
final class IngestBench {
    private final BenchOptions options;
    private final RunDirectories directories;

    IngestBench(BenchOptions options, RunDirectories directories) {
        this.options = options;
        this.directories = directories;
    }

    List<IngestResult> run() throws IOException, InterruptedException {
        List<IngestResult> results = new ArrayList<>();
        List<Contender> contenders = options.availableContenders();
        for (int round = 0; round < options.rounds(); round++) {
            for (Contender contender : rotated(contenders, round)) {
                for (int threads : options.threads()) {
                    IngestResult r = runOnce(contender, threads, round, options.warmupEvents(), options.latencyEvents(),
                            options.events());
                    results.add(r);
                    System.out.printf(Locale.ROOT, "  ingest round %d  %-22s %dt  %6.2f M calls/s  %6.2f M written/s"
                                    + "  p99.9 %7.2f us  caller %5.1f B %4.0f ns/event  JVM %6.1f B/event  others %4.0f ns/event%n",
                            round + 1, contender.id(), threads, r.callsPerSecond() / 1e6, r.writtenPerSecond() / 1e6,
                            r.p999Nanos() / 1e3, r.callerBytesPerEvent(), r.callerCpuNanosPerEvent(),
                            r.jvmBytesPerEvent(), r.backgroundCpuNanosPerEvent());
                    if (r.isIncomplete()) {
                        System.out.printf(Locale.ROOT, "    INCOMPLETE: %,d of %,d events in the output%n", r.found(),
                                r.calls());
                    }
                }
            }
        }
        return results;
    }

    private IngestResult runOnce(Contender contender, int threads, int round, long warmup, long latencyEvents,
                                 long events) throws IOException, InterruptedException {
        String name = contender.id() + "-" + threads + "t-r" + (round + 1);
        Path dir = directories.fresh(name);
        try {
            return runIn(dir, name, contender, threads, warmup, latencyEvents, events);
        } finally {
            RunDirectories.delete(dir);
        }
    }

    /** One run writing into {@code dir}, which the caller deletes (or measures first). */
    IngestResult runIn(Path dir, String name, Contender contender, int threads, long warmup, long latencyEvents,
                       long events) throws IOException, InterruptedException {
        ChildJvm jvm = new ChildJvm(contender.family(), options.heap()).options(contender.jvmOptions(dir, options));
        if (options.jfrSettings() != null && contender.isTimberLog()) {
            jvm.options(List.of("-XX:StartFlightRecording=settings=" + options.jfrSettings() + ",filename="
                    + options.out().resolve(name + ".jfr")));
        }
        Path result = dir.resolve("result.properties");
        jvm.run(options.out().resolve(name + ".log"), IngestChild.class, contender.id(), Integer.toString(threads),
                Long.toString(warmup), Long.toString(latencyEvents), Long.toString(events), result.toString());
        return IngestResult.read(result);
    }

    /** {@code list} starting at element {@code round} (modulo its size). */
    static <T> List<T> rotated(List<T> list, int round) {
        List<T> copy = new ArrayList<>(list);
        if (!copy.isEmpty()) {
            Collections.rotate(copy, -(round % copy.size()));
        }
        return copy;
    }
}
