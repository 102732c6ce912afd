package io.timberlog.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.AppenderAttachable;

import java.util.Iterator;

/**
 * Tells whether a logger's events reach a started {@link TimberLogAppender}, so that a second capture
 * path (the TimberLog agent) can leave them alone instead of storing them twice.
 *
 * <p>It follows logback's own routing: the logger's appenders, then its ancestors' up to the first that
 * is not additive, looking into appenders that hold others ({@code AsyncAppender} and every other
 * {@link AppenderAttachable}). Appenders are recognized by class name ({@link #APPENDER_CLASS_NAME}, or
 * a subclass), so that a copy of this class loaded elsewhere (relocated inside the agent) recognizes the
 * application's appender. It does not evaluate filters: an event a filter denies counts as reached.
 *
 * <p>The answer changes only when logback is configured again; callers cache it per logger and drop the
 * cache on a {@code LoggerContextListener} reset. Thread-safe.
 */
public final class TimberLogRouting {
    /** The class name that identifies the appender, whichever class loader defined it. */
    public static final String APPENDER_CLASS_NAME = "io.timberlog.logback.TimberLogAppender";
    /** Loggers and nested appenders deeper than this are not followed. */
    private static final int MAX_DEPTH = 64;

    private TimberLogRouting() {
    }

    /** True when an event logged through {@code logger} reaches a started TimberLog appender. */
    public static boolean reachesTimberLogAppender(Logger logger) {
        LoggerContext context = logger.getLoggerContext();
        Logger current = logger;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (holdsTimberLogAppender(current.iteratorForAppenders(), 0)) {
                return true;
            }
            if (!current.isAdditive()) {
                return false;
            }
            current = parent(context, current.getName());
        }
        return false;
    }

    private static boolean holdsTimberLogAppender(Iterator<Appender<ILoggingEvent>> appenders, int depth) {
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (appender == null || !appender.isStarted()) {
                continue;
            }
            if (isTimberLogAppender(appender.getClass())) {
                return true;
            }
            if (appender instanceof AppenderAttachable && depth < MAX_DEPTH) {
                @SuppressWarnings("unchecked")
                AppenderAttachable<ILoggingEvent> holder = (AppenderAttachable<ILoggingEvent>) appender;
                if (holdsTimberLogAppender(holder.iteratorForAppenders(), depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isTimberLogAppender(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(APPENDER_CLASS_NAME)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The logger logback routes to after {@code name}: the nearest existing ancestor (names are split at
     * '.' and '$', as logback splits them), else the root logger; {@code null} for the root itself.
     */
    private static Logger parent(LoggerContext context, String name) {
        if (Logger.ROOT_LOGGER_NAME.equalsIgnoreCase(name)) {
            return null;
        }
        for (int end = lastSeparator(name, name.length()); end > 0; end = lastSeparator(name, end)) {
            Logger ancestor = context.exists(name.substring(0, end));
            if (ancestor != null) {
                return ancestor;
            }
        }
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private static int lastSeparator(String name, int before) {
        return Math.max(name.lastIndexOf('.', before - 1), name.lastIndexOf('$', before - 1));
    }
}
