package io.timberlog.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as the markdown that BENCHMARKS.md quotes: tables of medians, ratios and the targets. */
final class MarkdownReport {
    private final StringBuilder out = new StringBuilder();

    MarkdownReport header(String date, String command, String loadStart, String loadEnd, BenchOptions options) {
        line("- Machine: " + Machine.describe() + ".");
        line("- Date: " + date + ". Load average (1, 5, 15 min) at the start: " + loadStart + "; at the end: " + loadEnd
                + ".");
        line("- Command: `" + command + "`");
        line(String.format(Locale.ROOT, "- Per run: %,d warm-up calls, %,d timed calls (latency), %,d calls measured "
                        + "(throughput, allocation) per thread; %d round(s), contender order rotated each round; "
                        + "heap %s.", options.warmupEvents(), options.latencyEvents(), options.events(),
                options.rounds(), options.heap()));
        line("");
        return this;
    }

    MarkdownReport ingest(IngestSummary summary, List<Integer> threadCounts) {
        for (int threads : threadCounts) {
            List<IngestSummary.Row> rows = summary.rows(threads);
            if (rows.isEmpty()) {
                continue;
            }
            line(String.format(Locale.ROOT, "#### Ingest, %d thread%s (median of %d run%s)", threads,
                    threads == 1 ? "" : "s", rows.get(0).runs(), rows.get(0).runs() == 1 ? "" : "s"));
            line("");
            line("| contender | calls/s | x best | written/s (incl. stop) | x best | p50 | p99 | p99.9 | x best | max "
                    + "| caller B/event | JVM B/event | caller CPU ns/event | other threads' CPU ns/event |");
            line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (IngestSummary.Row r : rows) {
                line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.1f | %.1f | %.0f "
                                + "| %.0f |",
                        r.contender().label(), rate(r.callsPerSecond()), ratio(r), rate(r.writtenPerSecond()),
                        r.contender().isReference() ? "" : String.format(Locale.ROOT, "%.2f", r.writtenRatio()),
                        micros(r.p50Nanos()), micros(r.p99Nanos()), micros(r.p999Nanos()),
                        r.contender().isReference() ? "" : String.format(Locale.ROOT, "%.2f", r.p999Ratio()),
                        micros(r.maxNanos()), r.callerBytesPerEvent(), r.jvmBytesPerEvent(), r.callerCpuNanosPerEvent(),
                        r.backgroundCpuNanosPerEvent()));
            }
            line("");
        }
        return this;
    }

    /** The runs whose output lacked events after the stop: their rates count events that were never written. */
    MarkdownReport incomplete(List<IngestResult> results) {
        if (results.isEmpty()) {
            return this;
        }
        List<String> rows = new ArrayList<>();
        for (IngestResult r : results) {
            if (r.isIncomplete()) {
                rows.add(String.format(Locale.ROOT, "| %s | %d | %,d | %,d |", r.contender().label(), r.threads(),
                        r.calls(), r.found()));
            }
        }
        if (rows.isEmpty()) {
            line("Every event of every ingest run was found in its output after the stop.");
            line("");
            return this;
        }
        line("#### Ingest runs whose output lacks events after the stop");
        line("");
        line("| contender | threads | calls | events in the output |");
        line("| --- | ---: | ---: | ---: |");
        rows.forEach(this::line);
        line("");
        return this;
    }

    MarkdownReport kills(List<KillResult> kills) {
        if (kills.isEmpty()) {
            return this;
        }
        line("#### Events lost on kill -9 (2 threads)");
        line("");
        line("| contender | runs | acknowledged (median) | lost in each run |");
        line("| --- | ---: | ---: | --- |");
        for (Contender c : Contender.values()) {
            List<KillResult> runs = new ArrayList<>();
            List<String> lost = new ArrayList<>();
            for (KillResult k : kills) {
                if (k.contender() == c) {
                    runs.add(k);
                    lost.add(String.format(Locale.ROOT, "%,d", k.lost()));
                }
            }
            if (!runs.isEmpty()) {
                line(String.format(Locale.ROOT, "| %s | %d | %,.0f | %s |", c.label(), runs.size(),
                        IngestSummary.median(runs, KillResult::acknowledged), String.join(", ", lost)));
            }
        }
        line("");
        return this;
    }

    MarkdownReport targets(List<Targets.Check> checks) {
        if (checks.isEmpty()) {
            return this;
        }
        line("#### TimberLog's targets");
        line("");
        line("| target | measured | |");
        line("| --- | --- | --- |");
        for (Targets.Check c : checks) {
            line("| " + c.target() + " | " + c.measured() + " | " + (c.met() ? "met" : "**missed**") + " |");
        }
        line("");
        return this;
    }

    MarkdownReport section(String title, List<String> lines) {
        if (lines.isEmpty()) {
            return this;
        }
        line("#### " + title);
        line("");
        lines.forEach(this::line);
        line("");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private static String ratio(IngestSummary.Row r) {
        return r.contender().isReference() ? "" : String.format(Locale.ROOT, "%.2f", r.callsRatio());
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
    }

    private static String micros(double nanos) {
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
    }
}
