package io.timberlog.core.query;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.RunInfo;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.internal.wal.WalWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Builds stores for the query tests with the real write path. */
final class QueryTestStores {
    /** 2024-01-01T00:00:00Z */
    static final long T0 = 1_704_067_200_000_000_000L;
    static final long SECOND = 1_000_000_000L;

    private QueryTestStores() {
    }

    static StoreOptions.Builder options(Path dir) {
        return StoreOptions.builder(dir).problemListener((m, c) -> { });
    }

    /** Writes events with the given writer as one run and closes the store, which converts its WAL files into segments. */
    static void write(Path dir, Consumer<Writer> events) throws IOException {
        write(options(dir), events);
    }

    static void write(StoreOptions.Builder options, Consumer<Writer> events) throws IOException {
        try (LogStore store = LogStore.open(options.build())) {
            events.accept(new Writer(store::append));
        }
    }

    /**
     * Writes events as one run that ends cleanly, into WAL files that stay as they are: what a run leaves
     * when nothing converts its files (the conversion at the next start, or a compaction, does it).
     */
    static void writeUnconverted(StoreOptions.Builder options, Consumer<Writer> events) throws IOException {
        RunInfo run = new RunInfo(System.currentTimeMillis() * 1_000_000L, ProcessHandle.current().pid(), "test-host",
                System.nanoTime());
        WalWriter writer = WalWriter.open(options.build(), run);
        try {
            events.accept(new Writer(writer::append));
        } finally {
            writer.close(5_000_000_000L);
        }
    }

    /** Appends events to an open store. */
    static final class Writer {
        final Predicate<CapturedEvent> store;
        final CapturedEvent e = new CapturedEvent();

        Writer(Predicate<CapturedEvent> store) {
            this.store = store;
        }

        /** An SLF4J-style event at {@code T0 + second}s, of {@code logger}. */
        CapturedEvent event(long second, Level level, String logger, String template, Object... args) {
            e.reset().timestamp(T0 + second * SECOND).level(level).logger(logger).thread("main")
                    .message(template, MessageStyle.SLF4J);
            for (Object a : args) {
                if (a instanceof Long || a instanceof Integer) {
                    e.addArgument(((Number) a).longValue());
                } else if (a instanceof Double) {
                    e.addArgument(((Double) a).doubleValue());
                } else {
                    e.addArgument(a);
                }
            }
            return e;
        }

        void append(CapturedEvent event) {
            if (!store.test(event)) {
                throw new AssertionError("dropped");
            }
        }

        void append(long second, Level level, String logger, String template, Object... args) {
            append(event(second, level, logger, template, args));
        }
    }

    static List<QueryHit> run(Path dir, Query q) throws IOException {
        List<QueryHit> hits = new ArrayList<>();
        try (QueryResult r = StoreSet.open(dir).query(q)) {
            r.forEachRemaining(hits::add);
        }
        return hits;
    }

    static List<String> messages(Path dir, Query q) throws IOException {
        List<String> out = new ArrayList<>();
        for (QueryHit h : run(dir, q)) {
            out.add(h.event().message());
        }
        return out;
    }
}
