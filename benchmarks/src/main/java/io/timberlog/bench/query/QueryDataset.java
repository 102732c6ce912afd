package io.timberlog.bench.query;

import io.timberlog.bench.child.Workload;
import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreOptions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The data of the query part: the ingest workload's events at a service's pace (one every 720 us,
 * about 1,400 a second, so ten million span two hours from {@link #START}), written both into a
 * TimberLog store and, the same events, into a text file as the logback contenders' pattern writes
 * them. One event in a million is an ERROR ({@code payment {} failed for {}}); order numbers are the
 * event's index, so each occurs once.
 */
public final class QueryDataset {
    /** 2026-01-01T00:00:00Z. */
    public static final long START = 1_767_225_600_000_000_000L;
    public static final long SPACING_NANOS = 720_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final String ERROR_TEMPLATE = "payment {} failed for {}";

    private final Path store;
    private final Path text;
    private final long events;

    private QueryDataset(Path store, Path text, long events) {
        this.store = store;
        this.text = text;
        this.events = events;
    }

    public static QueryDataset create(Path dir, long events) throws IOException {
        QueryDataset data = new QueryDataset(dir.resolve("store"), dir.resolve("app.log"), events);
        CapturedEvent event = new CapturedEvent();
        StringBuilder line = new StringBuilder(160);
        try (LogStore out = LogStore.open(StoreOptions.builder(data.store).build());
             BufferedWriter writer = Files.newBufferedWriter(data.text, StandardCharsets.UTF_8)) {
            for (long i = 0; i < events; i++) {
                long nanos = START + i * SPACING_NANOS;
                String thread = "bench-" + (i & 1);
                String customer = "customer-" + (i * 7919 % 100_000);
                String requestId = "req-" + (7_000 + (i & 1));
                boolean error = isError(i);
                event.reset().timestamp(nanos).level(error ? Level.ERROR : Level.INFO).logger(Workload.LOGGER_NAME)
                        .thread(thread).putMdc("requestId", requestId);
                line.setLength(0);
                line.append(TIME.format(Instant.ofEpochSecond(0, nanos))).append(" [").append(thread).append("] ")
                        .append(error ? "ERROR" : "INFO ").append(' ').append(Workload.LOGGER_NAME).append(' ')
                        .append(requestId).append(" - ");
                if (error) {
                    event.message(ERROR_TEMPLATE, MessageStyle.SLF4J).addArgument(i).addArgument(customer);
                    line.append("payment ").append(i).append(" failed for ").append(customer);
                } else {
                    long millis = i % 1500;
                    event.message(Workload.TEMPLATE, MessageStyle.SLF4J).addArgument(i).addArgument(customer)
                            .addArgument(millis);
                    line.append("order ").append(i).append(" for ").append(customer).append(" took ").append(millis)
                            .append(" ms");
                }
                out.append(event);
                writer.append(line).append('\n');
            }
        }
        // The queries read the store as it is once the writer's conversion has caught up: every WAL file
        // a segment (the stop converts for 1 s only; a writer's next start converts the rest).
        StoreMaintenance.compact(data.store);
        return data;
    }

    static boolean isError(long index) {
        return index % 1_000_000 == 500_000;
    }

    public Path store() {
        return store;
    }

    public Path text() {
        return text;
    }

    public long events() {
        return events;
    }

    /** The order number that occurs once: the middle event's. */
    public long needle() {
        long middle = events / 2;
        return isError(middle) ? middle + 1 : middle;
    }
}
