package io.timberlog.agent;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Nesting;
import io.timberlog.core.PerThread;
import io.timberlog.core.ThrowableInfo;

import java.time.Instant;
import java.util.Date;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures java.util.logging records. JUL has no appender of ours to reuse: the record's raw message is
 * kept as a literal template with its parameters as arguments, and the message as JUL's formatters
 * print it ({@link Formatter#formatMessage}: resource bundle and {@code {0}} parameters) when it
 * differs. The exception is kept as {@code Throwable.printStackTrace} walks it.
 *
 * <p>A record that reaches a handler forwarding to another framework (jul-to-slf4j's
 * {@code SLF4JBridgeHandler} when SLF4J ends in logback or log4j2, log4j's {@code Log4jBridgeHandler})
 * is left alone: it is captured there, as an event of that framework, once.
 *
 * <p>Thread-safe: each thread has its own event and formatter, and, for a record logged while it
 * captures one (a parameter's {@code toString()} that logs), others of their own, up to
 * {@link Nesting#MAX_NESTED} deep.
 */
final class JulCapture {
    private static final String SLF4J_BRIDGE_HANDLER = "org.slf4j.bridge.SLF4JBridgeHandler";
    private static final String LOG4J_BRIDGE_HANDLER = "org.apache.logging.log4j.jul.Log4jBridgeHandler";
    /** Loggers deeper than this are not followed. */
    private static final int MAX_DEPTH = 64;

    private final EventSink sink;
    private final PerThread<Nesting<Scratch>> scratch = new PerThread<>(() -> new Nesting<>(Scratch::new));

    JulCapture(EventSink sink) {
        this.sink = sink;
    }

    /** Stores the record; the caller has made sure that no bridge handler forwards it ({@link #reachesBridgeHandler}). */
    void capture(Logger logger, LogRecord record) {
        Nesting<Scratch> nesting = scratch.acquire();
        try {
            Scratch t = nesting.enter();
            if (t == null) {
                sink.dropNested();
                return;
            }
            try {
                capture(t, record);
            } finally {
                nesting.exit(t);
            }
        } finally {
            scratch.release(nesting);
        }
    }

    private void capture(Scratch t, LogRecord record) {
        CapturedEvent e = t.event.reset();
        try {
            Instant instant = record.getInstant();
            e.timestamp(instant.getEpochSecond(), instant.getNano());
            e.level(level(record.getLevel())).logger(record.getLoggerName()).thread(Thread.currentThread().getName());
            String raw = record.getMessage();
            e.message(raw, MessageStyle.LITERAL);
            String formatted = t.format(record, addArguments(e, record.getParameters()));
            if (formatted != null && !formatted.equals(raw)) {
                e.formattedMessage(formatted);
            }
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                e.throwable(ThrowableInfo.from(thrown));
            }
            sink.append(e);
        } finally {
            e.reset();
        }
    }

    /**
     * Adds the record's parameters to the event and returns them as JUL's formatter is to see them: an
     * object that {@code MessageFormat} prints by its {@code toString()} is replaced by the text of one
     * call of ours, which the event keeps too. Else that {@code toString()} (a call that may be slow, give
     * another text the second time, or log itself) would run twice for the store, besides the calls of
     * the application's own handlers.
     */
    private static Object[] addArguments(CapturedEvent e, Object[] parameters) {
        if (parameters == null) {
            return null;
        }
        Object[] shown = parameters;
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (!CapturedEvent.isRendered(parameter) || parameter instanceof Number || parameter instanceof Date) {
                e.addArgument(parameter); // MessageFormat formats numbers and dates itself: no toString()
                continue;
            }
            if (shown == parameters) {
                shown = parameters.clone();
            }
            String text = FailedToString.textOf(parameter);
            if (text == null) {
                e.addFailedArgument(FailedToString.PLACEHOLDER);
                shown[i] = FailedToString.INSTANCE;
            } else {
                e.addArgument(text);
                shown[i] = text;
            }
        }
        return shown;
    }

    /** True when the record goes on to a handler that forwards it to a framework the agent captures. */
    static boolean reachesBridgeHandler(Logger logger) {
        Logger current = logger;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            for (Handler handler : current.getHandlers()) {
                if (isBridge(handler.getClass())) {
                    return true;
                }
            }
            if (!current.getUseParentHandlers()) {
                return false;
            }
            current = current.getParent();
        }
        return false;
    }

    private static boolean isBridge(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(LOG4J_BRIDGE_HANDLER)) {
                return true;
            }
            if (c.getName().equals(SLF4J_BRIDGE_HANDLER)) {
                return Slf4jBinding.endsInCapturedFramework(type);
            }
        }
        return false;
    }

    static Level level(java.util.logging.Level level) {
        int value = level == null ? java.util.logging.Level.INFO.intValue() : level.intValue();
        if (value >= java.util.logging.Level.SEVERE.intValue()) {
            return Level.ERROR;
        }
        if (value >= java.util.logging.Level.WARNING.intValue()) {
            return Level.WARN;
        }
        if (value >= java.util.logging.Level.INFO.intValue()) {
            return Level.INFO;
        }
        if (value >= java.util.logging.Level.FINE.intValue()) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }

    /** What one capture works with. */
    private static final class Scratch {
        final CapturedEvent event = new CapturedEvent();
        /** Only its {@code formatMessage} is used, which is synchronized: hence one per thread. */
        final Formatter formatter = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        };
        /** The application's record with other parameters: ours to change, unlike the record itself. */
        final LogRecord copy = new LogRecord(java.util.logging.Level.INFO, null);

        /** The record's message as JUL's formatters print it, given {@code parameters}. */
        String format(LogRecord record, Object[] parameters) {
            if (parameters == record.getParameters()) {
                return formatter.formatMessage(record);
            }
            copy.setMessage(record.getMessage());
            copy.setResourceBundle(record.getResourceBundle());
            copy.setParameters(parameters);
            try {
                return formatter.formatMessage(copy);
            } finally { // holds no application object after the call
                copy.setMessage(null);
                copy.setResourceBundle(null);
                copy.setParameters(null);
            }
        }
    }

    /**
     * Stands for a parameter whose {@code toString()} threw: JUL's formatter, given it, fails as it did
     * on the parameter itself, and prints the message unformatted.
     */
    private static final class FailedToString {
        /** The argument's text in the store, as for other literal messages (JUL prints the raw message). */
        static final String PLACEHOLDER = "[FAILED toString()]";
        static final FailedToString INSTANCE = new FailedToString();
        private static final IllegalStateException FAILURE = new IllegalStateException("toString() failed", null);

        /** {@code String.valueOf(value.toString())}, or {@code null} when it threw. */
        static String textOf(Object value) {
            try {
                return String.valueOf(value.toString());
            } catch (VirtualMachineError fatal) {
                if (fatal instanceof StackOverflowError) {
                    return null;
                }
                throw fatal;
            } catch (Throwable t) {
                return null;
            }
        }

        @Override
        public String toString() {
            throw FAILURE;
        }
    }
}
