package io.timberlog.cli;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Runs the CLI in this JVM against stores the tests write, and captures what it prints. */
final class Cli {
    /** 2024-01-01T00:00:00Z */
    static final long T0 = 1_704_067_200_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    /** The clock of every in-process run: one hour after T0. */
    static final Instant NOW = Instant.ofEpochSecond(T0 / SECOND + 3600);

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
    }

    private final Map<String, String> env = new HashMap<>();
    private boolean stdoutTerminal;

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Cli terminal() {
        stdoutTerminal = true;
        return this;
    }

    Result run(String... args) {
        return run(new ByteArrayOutputStream(), args);
    }

    /** Runs with {@code out} as stdout; the result's out is empty unless {@code out} is a ByteArrayOutputStream. */
    Result run(OutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Timberlog.execute(console(out, new PrintStream(err, true, StandardCharsets.UTF_8)), args);
        String printed = out instanceof ByteArrayOutputStream b ? b.toString(StandardCharsets.UTF_8) : "";
        return new Result(code, printed, err.toString(StandardCharsets.UTF_8));
    }

    /** A console with the clock of the tests, UTC, and this environment. */
    Console console(OutputStream out, PrintStream err) {
        return new Console(out, err, stdoutTerminal, false, env, Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    Console console() {
        return console(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()));
    }

    static Result query(String... args) {
        return new Cli().run(args);
    }

    /** Writes one run into {@code dir} and closes it. */
    static void write(Path dir, Consumer<Writer> events) throws IOException {
        write(StoreOptions.builder(dir).problemListener((m, c) -> { }), events);
    }

    static void write(StoreOptions.Builder options, Consumer<Writer> events) throws IOException {
        try (LogStore store = LogStore.open(options.build())) {
            events.accept(new Writer(store));
        }
    }

    /** Appends events at T0 + n seconds. */
    static final class Writer {
        final LogStore store;
        final CapturedEvent e = new CapturedEvent();

        Writer(LogStore store) {
            this.store = store;
        }

        CapturedEvent event(double second, Level level, String logger, String template, Object... args) {
            e.reset().timestamp(T0 + (long) (second * SECOND)).level(level).logger(logger).thread("main")
                    .message(template, MessageStyle.SLF4J);
            for (Object a : args) {
                if (a instanceof Long || a instanceof Integer) {
                    e.addArgument(((Number) a).longValue());
                } else if (a instanceof Double d) {
                    e.addArgument(d.doubleValue());
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

        void append(double second, Level level, String logger, String template, Object... args) {
            append(event(second, level, logger, template, args));
        }
    }
}
