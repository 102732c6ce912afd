package io.timberlog.agent.bridge;

/**
 * What the advice woven into the logging frameworks calls, through {@link TimberLogBridge}. The
 * implementation lives in the agent's own class loader; this interface is in the bootstrap loader with
 * the bridge, so that both sides see the same type. Arguments are typed {@code Object}: the bootstrap
 * loader cannot see the frameworks' classes.
 *
 * <p>Implementations are thread-safe and never throw.
 */
public interface CaptureSink {
    /** A logback event at {@code Logger.callAppenders}: {@code logger} is the logger it was logged with. */
    void logback(Object logger, Object event);

    /**
     * A log4j2 event entering {@code LoggerConfig.processLogEvent}, once per logger configuration on its
     * way up the hierarchy; {@link #log4jExit} follows when that call ends, however it ends.
     */
    void log4jEnter(Object loggerConfig, Object event, Object predicate);

    void log4jExit();

    /**
     * A log4j2 event of an asynchronous logger, complete, as the logging thread puts it into the ring
     * buffer: {@code loggerConfig} is the logger's configuration. A background thread hands the event to
     * the logger configurations later ({@link #log4jEnter}), when the application may have died.
     */
    void log4jEnqueued(Object loggerConfig, Object event);

    /** A record entering {@code java.util.logging.Logger.log(LogRecord)}, before the logger's checks. */
    void julLog(Object logger, Object record);

    /** The verdict of the filter of {@code logger} on the record, when the logger has a filter. */
    void julFiltered(Object logger, Object record, boolean loggable);
}
