package io.timberlog.core.query;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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

    /** Writes events with the given writer as one run and closes the store. */
    static void write(Path dir, Consumer<Writer> events) throws IOException {
        write(options(dir), events);
    }

    static void write(StoreOptions.Builder options, Consumer<Writer> events) throws IOException {
        try (LogStore store = LogStore.open(options.build())) {
            events.accept(new Writer(store));
        }
    }

    /** Appends events to an open store. */
    static final class Writer {
        final LogStore store;
        final CapturedEvent e = new CapturedEvent();

        Writer(LogStore store) {
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
            if (!store.append(event)) {
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
