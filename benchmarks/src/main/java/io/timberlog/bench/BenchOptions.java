package io.timberlog.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * What a benchmark run does, from system properties {@code -Dbench.<name>=value} (see BENCHMARKS.md).
 * {@code bench.quick=true} changes the defaults to a run of a couple of minutes; a property given
 * explicitly always wins.
 *
 * @param rounds         runs of each contender, alternating (the contender order rotates each round)
 * @param warmupEvents   calls per thread before anything is measured
 * @param latencyEvents  calls per thread, each timed, for the latency percentiles
 * @param events         calls per thread of the throughput and allocation measurement
 * @param threads        the thread counts to run
 * @param killSeconds    how long the kill -9 child logs before it is killed
 * @param jfrSettings    JFR settings ({@code profile} or a .jfc file) to record TimberLog's ingest runs
 *                       with, or {@code null}
 */
public record BenchOptions(int rounds, long warmupEvents, long latencyEvents, long events, List<Integer> threads,
                           List<Contender> contenders, Set<String> parts, double killSeconds, long footprintEvents,
                           long queryEvents, String heap, String jfrSettings, Path out, Path agentJar, Path cli,
                           Path repository) {
    public static final List<String> ALL_PARTS = List.of("ingest", "kill", "footprint", "query", "startup");

    public static BenchOptions fromSystemProperties() {
        return from(System.getProperties());
    }

    public static BenchOptions from(Properties p) {
        boolean quick = Boolean.parseBoolean(p.getProperty("bench.quick", "false"));
        Path repository = Paths.get(p.getProperty("bench.repository", defaultRepository().toString())).toAbsolutePath();
        return new BenchOptions(
                intOf(p, "bench.rounds", quick ? 1 : 5),
                longOf(p, "bench.warmup", quick ? 100_000 : 500_000),
                longOf(p, "bench.latencyEvents", quick ? 100_000 : 500_000),
                longOf(p, "bench.events", quick ? 300_000 : 2_000_000),
                threadCounts(p.getProperty("bench.threads", "1,2")),
                contenders(p.getProperty("bench.contenders", "all")),
                parts(p.getProperty("bench.parts", String.join(",", ALL_PARTS))),
                Double.parseDouble(p.getProperty("bench.killSeconds", "1.5")),
                longOf(p, "bench.footprintEvents", quick ? 100_000 : 1_000_000),
                longOf(p, "bench.queryEvents", quick ? 1_000_000 : 10_000_000),
                p.getProperty("bench.heap", "2g"),
                jfrSettings(p.getProperty("bench.jfr", "false")),
                repository.resolve(p.getProperty("bench.out", "benchmarks/target/bench-results")),
                // TimberLog through the agent: runs when this jar exists (build the agent module first).
                repository.resolve(p.getProperty("bench.agentJar", "agent/target/timberlog-agent-0.1.0-SNAPSHOT.jar")),
                // The query and recovery parts: run when this launcher exists (build the query-cli module first).
                repository.resolve(p.getProperty("bench.cli", "query-cli/target/timberlog")),
                repository);
    }

    public boolean runs(String part) {
        return parts.contains(part);
    }

    /** The contenders that can run here (the agent's only with its jar). */
    public List<Contender> availableContenders() {
        List<Contender> available = new ArrayList<>();
        for (Contender c : contenders) {
            if (c.isAvailable(this)) {
                available.add(c);
            }
        }
        return available;
    }

    /** The repository root: three levels above {@code benchmarks/target/classes}. */
    private static Path defaultRepository() {
        try {
            Path classes = Paths.get(BenchOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            return Paths.get("").toAbsolutePath();
        }
    }

    private static String jfrSettings(String value) {
        if (value.equals("false") || value.isEmpty()) {
            return null;
        }
        return value.equals("true") ? "profile" : value;
    }

    private static int intOf(Properties p, String name, int fallback) {
        return (int) longOf(p, name, fallback);
    }

    private static long longOf(Properties p, String name, long fallback) {
        String value = p.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.replace("_", "").trim());
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static List<Integer> threadCounts(String text) {
        List<Integer> counts = new ArrayList<>();
        for (String s : text.split(",")) {
            int n = Integer.parseInt(s.trim());
            if (n < 1) {
                throw new IllegalArgumentException("bench.threads: thread counts must be at least 1, was " + n);
            }
            counts.add(n);
        }
        return counts;
    }

    private static List<Contender> contenders(String text) {
        if (text.trim().equals("all")) {
            return Arrays.asList(Contender.values());
        }
        List<Contender> chosen = new ArrayList<>();
        for (String id : text.split(",")) {
            chosen.add(Contender.byId(id.trim()));
        }
        return chosen;
    }

    private static Set<String> parts(String text) {
        Set<String> parts = new LinkedHashSet<>();
        for (String s : text.split(",")) {
            String part = s.trim().toLowerCase(Locale.ROOT);
            if (!ALL_PARTS.contains(part)) {
                throw new IllegalArgumentException("bench.parts: no part '" + part + "'; known: " + ALL_PARTS);
            }
            parts.add(part);
        }
        return parts;
    }
}
