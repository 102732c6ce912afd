package io.timberlog.agent.log4j2;

import io.timberlog.agent.EventSink;
import io.timberlog.agent.FrameworkCapture;
import io.timberlog.log4j2.Log4jEventMapper;
import io.timberlog.log4j2.TimberLogRouting;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.LoggerConfig;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Captures the events of one copy of log4j2 with the log4j2 appender's own mapping, except those whose
 * logger configuration already sends them to a TimberLog appender. Whether it does is asked once per
 * logger configuration: a new configuration brings new logger configurations, asked afresh. The answers
 * about those of a replaced configuration, which log4j2 stops, are dropped at the next question: kept,
 * they would keep the whole configuration in memory.
 *
 * <p>Defined in a class loader beside the application's log4j2 (the agent's
 * {@code FrameworkClassLoader}). Thread-safe.
 */
public final class Log4jCapture implements FrameworkCapture {
    /**
     * More logger configurations than any one configuration has: the rest are from replaced ones that
     * were never stopped (made by hand), dropped all at once.
     */
    private static final int MAX_REMEMBERED = 10_000;

    private final EventSink sink;
    private final ConcurrentHashMap<LoggerConfig, Boolean> reachesAppender = new ConcurrentHashMap<>();

    public Log4jCapture(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void capture(Object source, Object event) {
        LoggerConfig config = (LoggerConfig) source;
        Boolean reaches = reachesAppender.get(config);
        if (reaches == null) {
            reachesAppender.keySet().removeIf(LoggerConfig::isStopped);
            if (reachesAppender.size() >= MAX_REMEMBERED) {
                reachesAppender.clear();
            }
            reaches = TimberLogRouting.reachesTimberLogAppender(config);
            reachesAppender.put(config, reaches);
        }
        if (reaches) {
            return;
        }
        Log4jEventMapper mapper = Log4jEventMapper.acquire();
        if (mapper == null) {
            sink.dropNested(); // nested deeper in events captured on this thread than Nesting allows
            return;
        }
        try {
            sink.append(mapper.map((LogEvent) event, false));
        } finally {
            mapper.release();
        }
    }
}
