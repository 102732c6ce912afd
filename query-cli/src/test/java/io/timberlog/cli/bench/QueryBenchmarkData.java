package io.timberlog.cli.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.layout.TTLLLayout;
import io.timberlog.core.CapturedEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.footprint.ServiceWorkload;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes the data of the query benchmark: {@code N} events of {@link ServiceWorkload} (one ERROR in
 * 100,000) into a store, and the same events as logback's default text layout writes them, for grep
 * and awk to read. The store's WAL files are all converted into segments, as a store is once its
 * writer has run a while.
 *
 * <pre>
 * java -cp "query-cli/target/test-classes:..." io.timberlog.cli.bench.QueryBenchmarkData STORE TEXT [N]
 * </pre>
 */
public final class QueryBenchmarkData {
    private static final long ERROR_EVERY = 100_000;

    private QueryBenchmarkData() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Paths.get(args[0]);
        Path text = Paths.get(args[1]);
        long n = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000L;
        StoreOptions options = StoreOptions.builder(store).maxTotalSize(0).problemListener((message, cause) ->
                System.err.println("store: " + message)).build();
        ServiceWorkload workload = new ServiceWorkload(1, ERROR_EVERY);
        LoggerContext context = new LoggerContext();
        TTLLLayout layout = ServiceWorkload.defaultLayout(context);
        CapturedEvent event = new CapturedEvent();
        long start = System.nanoTime();
        try (LogStore log = LogStore.open(options);
             BufferedWriter out = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
            for (long i = 0; i < n; i++) {
                workload.next();
                out.write(workload.logbackText(context, layout));
                if (!log.append(workload.fill(event))) {
                    throw new IllegalStateException("event " + i + " dropped");
                }
            }
        }
        int converted = StoreMaintenance.compact(options);
        System.out.printf("%d events in %.1f s; %d WAL files converted after the writer closed%n", n,
                (System.nanoTime() - start) / 1e9, converted);
    }
}
