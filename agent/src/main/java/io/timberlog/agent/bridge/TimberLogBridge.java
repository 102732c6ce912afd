package io.timberlog.agent.bridge;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one class the woven framework code calls. It is loaded by the bootstrap class loader (the agent
 * appends a small jar holding this package to the bootstrap search path), so that the calls resolve
 * from any class loader: a framework inside a web application, a Spring Boot jar or a test's own
 * loader. It forwards to the {@link CaptureSink} the agent installs, and does nothing before that.
 *
 * <p>Thread-safe. Nothing here throws into the framework: every {@code Throwable} of the sink is
 * suppressed here, so the woven calls need no handler.
 */
public final class TimberLogBridge {
    private static volatile CaptureSink sink;

    private TimberLogBridge() {
    }

    /**
     * Installs the sink the advice feeds. Only the first call wins: a second agent loaded into the same
     * JVM (attached twice, or attached where it runs already) must not capture every event again.
     *
     * @return false when a sink was installed already
     */
    public static synchronized boolean install(CaptureSink captureSink) {
        if (sink != null) {
            return false;
        }
        sink = captureSink;
        return true;
    }

    public static boolean isInstalled() {
        return sink != null;
    }

    public static void logback(Object logger, Object event) {
        CaptureSink s = sink;
        if (s != null) {
            try {
                s.logback(logger, event);
            } catch (Throwable e) {
                // never into the application: the sink reports its own failures
            }
        }
    }

    public static void log4jEnter(Object loggerConfig, Object event, Object predicate) {
        CaptureSink s = sink;
        if (s != null) {
            try {
                s.log4jEnter(loggerConfig, event, predicate);
            } catch (Throwable e) {
                // never into the application: the sink reports its own failures
            }
        }
    }

    public static void log4jExit() {
        CaptureSink s = sink;
        if (s != null) {
            try {
                s.log4jExit();
            } catch (Throwable e) {
                // never into the application: the sink reports its own failures
            }
        }
    }

    public static void log4jEnqueued(Object loggerConfig, Object event) {
        CaptureSink s = sink;
        if (s != null) {
            try {
                s.log4jEnqueued(loggerConfig, event);
            } catch (Throwable e) {
                // never into the application: the sink reports its own failures
            }
        }
    }

    public static void julLog(Object logger, Object record) {
        CaptureSink s = sink;
        if (s != null) {
            try {
                s.julLog(logger, record);
            } catch (Throwable e) {
                // never into the application: the sink reports its own failures
            }
        }
    }

    /**
     * Replaces the call of the logger's filter in {@code java.util.logging.Logger.log(LogRecord)}: asks
     * the filter exactly once, as the logger would, and tells the sink its verdict.
     */
    public static boolean julFilter(Filter filter, LogRecord record, Logger logger) {
        boolean loggable = filter.isLoggable(record);
        CaptureSink s = sink;
        if (s != null) {
            try {
                s.julFiltered(logger, record, loggable);
            } catch (Throwable e) {
                // never into the application: the sink reports its own failures
            }
        }
        return loggable;
    }
}
