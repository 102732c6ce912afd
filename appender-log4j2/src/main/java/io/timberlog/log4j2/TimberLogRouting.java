package io.timberlog.log4j2;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Tells whether a logger's events reach a started {@link TimberLogAppender}, so that a second capture
 * path (the TimberLog agent) can leave them alone instead of storing them twice.
 *
 * <p>It follows log4j2's routing: the appenders of the logger's {@link LoggerConfig}, then its parents'
 * up to the first that is not additive, looking behind {@link AsyncAppender}s. Appenders are recognized
 * by class name ({@link #APPENDER_CLASS_NAME}), so that a copy of this class loaded elsewhere (relocated
 * inside the agent) recognizes the application's plugin. It does not evaluate filters, and does not look
 * behind routing or failover appenders.
 *
 * <p>The answer changes only with the configuration: callers cache it per logger (or logger configuration:
 * a new configuration brings new ones).
 * Thread-safe.
 */
public final class TimberLogRouting {
    /** The class name that identifies the appender, whichever class loader defined it. */
    public static final String APPENDER_CLASS_NAME = "io.timberlog.log4j2.TimberLogAppender";
    /** Logger configurations and nested appenders deeper than this are not followed. */
    private static final int MAX_DEPTH = 64;

    private TimberLogRouting() {
    }

    /** True when an event logged through {@code logger} reaches a started TimberLog appender. */
    public static boolean reachesTimberLogAppender(Logger logger) {
        return reachesTimberLogAppender(logger.get());
    }

    /**
     * True when an event that {@code loggerConfig} lets through reaches a started TimberLog appender:
     * for the agent, which meets events at their logger configuration, not at their logger.
     */
    public static boolean reachesTimberLogAppender(LoggerConfig loggerConfig) {
        LoggerConfig config = loggerConfig;
        for (int depth = 0; config != null && depth < MAX_DEPTH; depth++) {
            for (Appender appender : config.getAppenders().values()) {
                if (reaches(appender, 0)) {
                    return true;
                }
            }
            if (!config.isAdditive()) {
                return false;
            }
            config = config.getParent();
        }
        return false;
    }

    private static boolean reaches(Appender appender, int depth) {
        if (appender == null || !appender.isStarted() || depth > MAX_DEPTH) {
            return false;
        }
        if (appender.getClass().getName().equals(APPENDER_CLASS_NAME)) {
            return true;
        }
        if (appender instanceof AsyncAppender) {
            for (Appender queuedTo : ((AsyncAppender) appender).getAppenders()) {
                if (reaches(queuedTo, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }
}
