package io.timberlog.agent;

import io.timberlog.agent.bridge.CaptureSink;

import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The agent's side of the bridge: takes the events the woven framework code hands over and passes each
 * to the capture for its framework copy. An event logged while another is captured on the same thread
 * (an argument whose {@code toString()} logs) is captured too, as the framework hands it to its appenders;
 * each capture bounds how deep such events nest ({@link io.timberlog.core.Nesting}). It keeps, per thread,
 * the log4j2 events being walked up their logger configurations, so that each is captured once, at the
 * first configuration that lets it through, and not again at the parents (an event logged from an
 * appender meanwhile is another event, captured on its own); the events of asynchronous loggers are
 * captured before, as the logging thread puts them into the ring buffer. A java.util.logging record
 * whose logger has a filter is captured once the filter let it through, which the woven code says with
 * the logger ({@link #julFiltered}): nothing is kept from the record's entry on, where a filter that logs
 * would replace it.
 *
 * <p>Thread-safe; never throws.
 */
final class CaptureDispatcher implements CaptureSink {
    /** The events of log4j2's asynchronous loggers, captured as they enter the ring buffer. */
    private static final String RING_BUFFER_EVENT = "org.apache.logging.log4j.core.async.RingBufferLogEvent";

    /** The log4j2 events in {@code processLogEvent} on each thread, innermost on top. */
    private final ThreadLocal<Walk> log4jWalks = ThreadLocal.withInitial(Walk::new);
    private final FrameworkCaptures logback;
    private final FrameworkCaptures log4j2;
    private final JulCapture jul;

    CaptureDispatcher(EventSink sink) {
        ClassLoader agentLoader = CaptureDispatcher.class.getClassLoader();
        this.logback = new FrameworkCaptures("logback", "ch.qos.logback.classic.Logger",
                "io.timberlog.agent.logback.LogbackCapture", sink, agentLoader,
                "io.timberlog.agent.logback.", "io.timberlog.logback.");
        this.log4j2 = new FrameworkCaptures("log4j2", "org.apache.logging.log4j.core.config.LoggerConfig",
                "io.timberlog.agent.log4j2.Log4jCapture", sink, agentLoader,
                "io.timberlog.agent.log4j2.", "io.timberlog.log4j2.");
        this.jul = new JulCapture(sink);
    }

    @Override
    public void logback(Object logger, Object event) {
        logback.capture(logger, event);
    }

    @Override
    public void log4jEnter(Object loggerConfig, Object event, Object predicate) {
        Walk walk = log4jWalks.get();
        boolean parentOfWalked = walk.top() == event;
        walk.push(event);
        // An AsyncLoggerConfig hands its events to a background thread, which walks them again with this
        // predicate, and an asynchronous logger's events are walked on a background thread only: both
        // were captured on the thread that logged them.
        if (!parentOfWalked && !isAsynchronousOnly(predicate) && !isFromRingBuffer(event)) {
            log4j2.capture(loggerConfig, event);
        }
    }

    @Override
    public void log4jEnqueued(Object loggerConfig, Object event) {
        log4j2.capture(loggerConfig, event);
    }

    @Override
    public void log4jExit() {
        log4jWalks.get().pop();
    }

    private static boolean isFromRingBuffer(Object event) {
        return event.getClass().getName().equals(RING_BUFFER_EVENT);
    }

    private static boolean isAsynchronousOnly(Object predicate) {
        return predicate instanceof Enum && ((Enum<?>) predicate).name().equals("ASYNCHRONOUS_ONLY");
    }

    @Override
    public void julLog(Object logger, Object record) {
        Logger julLogger = (Logger) logger;
        LogRecord julRecord = (LogRecord) record;
        if (julRecord == null || !julLogger.isLoggable(julRecord.getLevel())) {
            return;
        }
        if (julLogger.getFilter() != null) {
            return; // captured once the filter lets it through (julFiltered)
        }
        captureJul(julLogger, julRecord);
    }

    @Override
    public void julFiltered(Object logger, Object record, boolean loggable) {
        if (loggable) { // the logger checks the record's level before it asks its filter
            captureJul((Logger) logger, (LogRecord) record);
        }
    }

    private void captureJul(Logger logger, LogRecord record) {
        try {
            if (JulCapture.reachesBridgeHandler(logger)) {
                return;
            }
            jul.capture(logger, record);
        } catch (RuntimeException | LinkageError e) {
            Problems.once("capture-jul", "capturing a java.util.logging record failed, it is not in the store ("
                    + e + "); further failures are not reported");
        }
    }

    /** A stack of the events being walked; only as deep as log4j2 calls nest. */
    private static final class Walk {
        private Object[] events = new Object[8];
        private int depth;

        Object top() {
            return depth == 0 ? null : events[depth - 1];
        }

        void push(Object event) {
            if (depth == events.length) {
                events = java.util.Arrays.copyOf(events, depth * 2);
            }
            events[depth++] = event;
        }

        void pop() {
            if (depth > 0) {
                events[--depth] = null; // no reference to the application's event once it is done
            }
        }
    }
}
