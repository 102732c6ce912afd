package io.timberlog.bench;

import io.timberlog.bench.query.QueryBench;
import io.timberlog.bench.query.RecoveryBench;
import io.timberlog.bench.query.StartupBench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark run of BENCHMARKS.md: ingest, kill -9, footprint, and (when the CLI and the agent
 * exist) query, recovery and start-up. Prints each run as it ends, then the tables; writes
 * {@code results.json} and {@code results.md} into {@code bench.out}. Options: {@link BenchOptions}.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.exit(2);
            return;
        }
        String command = System.getProperty("bench.command", "benchmarks/run.sh").trim();
        run(options, command);
    }

    /** Runs the parts {@code options} names; returns the markdown report. */
    public static String run(BenchOptions options, String command) throws IOException, InterruptedException {
        Files.createDirectories(options.out());
        RunDirectories directories = new RunDirectories(options.out());
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String loadStart = Machine.loadAverage();
        System.out.println("TimberLog benchmarks: " + Machine.describe());
        System.out.println("load average at the start: " + loadStart);
        if (!Files.isRegularFile(options.agentJar())) {
            System.out.println("  contender timberlog-agent: skipped, needs the agent: " + options.agentJar()
                    + " not found (or give it with -Dbench.agentJar=PATH)");
        }

        IngestBench ingestBench = new IngestBench(options, directories);
        List<IngestResult> ingest = options.runs("ingest") ? ingestBench.run() : List.of();
        List<KillResult> kills = options.runs("kill") ? new KillBench(options, directories).run() : List.of();
        List<String> footprint = options.runs("footprint")
                ? new FootprintBench(options, directories, ingestBench).run() : List.of();
        List<String> query = options.runs("query") ? new QueryBench(options, directories).run() : List.of();
        List<String> recovery = options.runs("query") ? new RecoveryBench(options, directories).run() : List.of();
        List<String> startup = options.runs("startup") ? new StartupBench(options, directories).run() : List.of();
        String loadEnd = Machine.loadAverage();

        IngestSummary summary = new IngestSummary(ingest, options.threads());
        List<Targets.Check> targets = Targets.check(summary, kills);
        String markdown = new MarkdownReport().header(date, command, loadStart, loadEnd, options)
                .ingest(summary, options.threads()).incomplete(ingest).kills(kills).targets(targets)
                .section("Footprint: bytes on disk", footprint).section("Query", query)
                .section("Recovery", recovery).section("Agent start-up", startup).toString();
        List<String> other = new ArrayList<>();
        other.addAll(footprint);
        other.addAll(query);
        other.addAll(recovery);
        other.addAll(startup);
        Path json = options.out().resolve("results.json");
        JsonReport.write(json, date, command, loadStart, loadEnd, options, ingest, summary, kills, targets, other);
        Path md = options.out().resolve("results.md");
        Files.writeString(md, markdown);
        RunDirectories.delete(options.out().resolve("work"));
        System.out.println();
        System.out.println(markdown);
        System.out.println("written: " + json + " and " + md);
        return markdown;
    }
}
