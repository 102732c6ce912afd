package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Damage;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.RunInfo;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds WAL files with known content and reads them back, for the reader and writer tests. */
final class WalFixtures {
    private WalFixtures() {
    }

    static StoreOptions.Builder quietOptions(Path dir) {
        return StoreOptions.builder(dir).problemListener((message, cause) -> { });
    }

    /** Fills {@code e} with event number {@code i}: varied loggers, threads, arguments and MDC. */
    static CapturedEvent event(CapturedEvent e, long i) {
        return e.reset().timestamp(1_700_000_000_000_000_000L + i * 1_000).level(Level.values()[(int) (i % 5)])
                .logger("com.acme.service" + (i % 3)).thread("worker-" + (i % 2))
                .message("order {} for {} took {} ms", MessageStyle.SLF4J)
                .addArgument(i).addArgument("customer-" + (i % 7)).addArgument(i % 1000)
                .putMdc("requestId", "req-" + i);
    }

    static final RunInfo RUN = new RunInfo(1_700_000_000_000_000_000L, 4711, "test-host", 1);

    /**
     * Writes {@code n} events with the write-ahead log alone (no segment manager converts its files)
     * and closes it; returns the WAL files.
     */
    static List<Path> writeStore(Path dir, int n) throws IOException {
        WalWriter writer = WalWriter.open(quietOptions(dir).build(), RUN);
        CapturedEvent e = new CapturedEvent();
        for (int i = 0; i < n; i++) {
            if (!writer.append(event(e, i))) {
                throw new AssertionError("append " + i + " was dropped");
            }
        }
        writer.close(5_000_000_000L);
        return WalFiles.list(dir);
    }

    /** What reading one WAL file found. */
    static final class Read {
        final List<LogEvent> events = new ArrayList<>();
        final List<Damage> damages = new ArrayList<>();
        WalEventReader.Result result;

        List<Long> sequences() {
            List<Long> seqs = new ArrayList<>();
            for (LogEvent e : events) {
                seqs.add(e.sequence());
            }
            return seqs;
        }

        List<Damage> corrupt() {
            List<Damage> corrupt = new ArrayList<>();
            for (Damage d : damages) {
                if (d.kind() == Damage.Kind.CORRUPT) {
                    corrupt.add(d);
                }
            }
            return corrupt;
        }
    }

    static Read read(Path file) throws IOException {
        Read read = new Read();
        read.result = WalEventReader.read(file, new WalEventReader.Sink() {
            @Override
            public void event(LogEvent event, long filePosition) {
                read.events.add(event);
            }

            @Override
            public void damage(Damage damage) {
                read.damages.add(damage);
            }
        });
        return read;
    }

    /** Positions and types of the intact records of a file, in order. */
    static List<long[]> records(Path file) throws IOException {
        List<long[]> records = new ArrayList<>();
        try (WalReader reader = WalReader.open(file)) {
            reader.scan(WalFormat.HEADER_SIZE, new WalReader.Visitor() {
                @Override
                public void record(int type, long filePosition, byte[] buf, int offset, int length) {
                    records.add(new long[] {filePosition, type, length});
                }

                @Override
                public void damage(long start, long end, Damage.Kind kind, String detail) {
                }
            });
        }
        return records;
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits until {@code condition} holds, failing the test after 20 s. */
    static void waitUntil(Condition condition) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not reached in 20 s");
            }
            Thread.sleep(1);
        }
    }
}
