package io.timberlog.bench;

import java.util.Properties;

/** Options of a smoke run: every figure computed from a few thousand events, in seconds. */
final class SmokeOptions {
    private SmokeOptions() {
    }

    static BenchOptions of(String parts, String contenders) {
        Properties p = new Properties();
        p.setProperty("bench.rounds", "1");
        p.setProperty("bench.warmup", "5000");
        p.setProperty("bench.latencyEvents", "5000");
        p.setProperty("bench.events", "20000");
        p.setProperty("bench.threads", "1");
        p.setProperty("bench.killSeconds", "0.3");
        p.setProperty("bench.heap", "256m");
        p.setProperty("bench.parts", parts);
        p.setProperty("bench.contenders", contenders);
        p.setProperty("bench.out", "benchmarks/target/smoke-" + parts.replace(',', '-'));
        return BenchOptions.from(p);
    }
}
