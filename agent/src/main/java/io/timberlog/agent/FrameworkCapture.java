package io.timberlog.agent;

/**
 * Captures the events of one copy of a logging framework. Implementations touch the framework's
 * types, so they are defined in a {@link FrameworkClassLoader} beside that copy; the agent sees them
 * through this interface only. Thread-safe.
 */
public interface FrameworkCapture {
    /**
     * @param source where the event is being dispatched: logback's {@code Logger}, log4j2's {@code LoggerConfig}
     * @param event  the framework's event
     */
    void capture(Object source, Object event);
}
