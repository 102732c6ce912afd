package io.timberlog.bench.query;

import io.timberlog.bench.BenchOptions;
import io.timberlog.bench.RunDirectories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The query part: {@code timberlog query} against grep/awk on the same events, whole processes timed.
 * Needs the CLI ({@code bench.cli}, by default {@code query-cli/target/timberlog}); without it, the part
 * says so and is skipped before the data is built.
 */
public final class QueryBench {
    private static final int RUNS = 5;

    private final BenchOptions options;
    private final RunDirectories directories;

    public QueryBench(BenchOptions options, RunDirectories directories) {
        this.options = options;
        this.directories = directories;
    }

    /** Whether the CLI launcher exists; prints why not when it does not. */
    public static boolean cliAvailable(BenchOptions options, String part) {
        if (Files.isExecutable(options.cli())) {
            return true;
        }
        System.out.println("  " + part + ": skipped, needs the CLI: " + options.cli() + " not found (build it with "
                + "mvn -B -pl query-cli -am package, or give its launcher with -Dbench.cli=PATH)");
        return false;
    }

    public List<String> run() throws IOException, InterruptedException {
        if (!cliAvailable(options, "query")) {
            return List.of();
        }
        Path dir = directories.fresh("query");
        try {
            System.out.printf(Locale.ROOT, "  query: writing %,d events into a store and a text file%n",
                    options.queryEvents());
            QueryDataset data = QueryDataset.create(dir, options.queryEvents());
            return compare(data, options.cli().toString());
        } finally {
            RunDirectories.delete(dir);
        }
    }

    /** Times each query case with the launcher {@code cli} and with grep/awk: a markdown table. */
    public static List<String> compare(QueryDataset data, String cli) throws IOException, InterruptedException {
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "| query (%,d events, %,d bytes of text) | timberlog | grep/awk | "
                + "grep/awk / timberlog |", data.events(), Files.size(data.text())));
        table.add("| --- | ---: | ---: | ---: |");
        for (QueryCase q : QueryCase.all(data)) {
            double[] ms = ProcessTimer.medianMillis(RUNS, q.timberLogCommand(cli, data), q.textCommand(data));
            table.add(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.2f |", q.name(), ms[0], ms[1],
                    ms[1] / ms[0]));
        }
        return table;
    }
}
