package io.timberlog.agent.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import io.timberlog.agent.EventSink;
import io.timberlog.agent.FrameworkCapture;
import io.timberlog.logback.LogbackEventMapper;
import io.timberlog.logback.TimberLogRouting;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Captures the events of one copy of logback with the logback appender's own mapping, except those of
 * loggers whose events already reach a TimberLog appender of the application's configuration. Whether
 * they do is asked once per logger and forgotten when the logger context is reset (reconfigured) or stopped.
 *
 * <p>Defined in a class loader beside the application's logback (the agent's
 * {@code FrameworkClassLoader}). Thread-safe.
 */
public final class LogbackCapture implements FrameworkCapture, LoggerContextListener {
    private final EventSink sink;
    private final ConcurrentHashMap<Logger, Boolean> reachesAppender = new ConcurrentHashMap<>();
    private final Set<LoggerContext> listenedTo = ConcurrentHashMap.newKeySet();

    public LogbackCapture(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void capture(Object source, Object event) {
        Logger logger = (Logger) source;
        Boolean reaches = reachesAppender.get(logger);
        if (reaches == null) {
            reaches = routing(logger);
        }
        if (reaches) {
            return;
        }
        LogbackEventMapper mapper = LogbackEventMapper.acquire();
        if (mapper == null) {
            sink.dropNested(); // nested deeper in events captured on this thread than Nesting allows
            return;
        }
        try {
            sink.append(mapper.map((ILoggingEvent) event, false));
        } finally {
            mapper.release();
        }
    }

    private boolean routing(Logger logger) {
        LoggerContext context = logger.getLoggerContext();
        if (listenedTo.add(context)) {
            context.addListener(this);
        }
        boolean reaches = TimberLogRouting.reachesTimberLogAppender(logger);
        reachesAppender.put(logger, reaches);
        return reaches;
    }

    /** Kept through resets: the cache must be dropped at every one of them. */
    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onReset(LoggerContext context) {
        reachesAppender.clear();
    }

    @Override
    public void onStart(LoggerContext context) {
        reachesAppender.clear();
    }

    /**
     * A stopped context drops every listener, reset resistant or not (Spring Boot stops it before it
     * configures it): listened to again from its next event, or the resets that follow would go unheard.
     */
    @Override
    public void onStop(LoggerContext context) {
        reachesAppender.clear();
        listenedTo.remove(context);
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
        // levels do not change where events go
    }
}
