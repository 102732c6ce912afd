package io.timberlog.agent.apps;

import ch.qos.logback.classic.LoggerContext;
import io.timberlog.testing.LoggingChild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** An application that logs through SLF4J and logback, knowing nothing of TimberLog. */
public final class LogbackApp {
    private LogbackApp() {
    }

    public static void main(String[] args) throws Exception {
        Logger logger = LoggerFactory.getLogger("app.logback");
        LoggingChild.run(args, new LoggingChild.Framework() {
            @Override
            public void log(int thread, long index) {
                logger.info("event {} {}", thread, index);
            }

            @Override
            public Iterable<String> warnings() {
                return List.of();
            }

            @Override
            public void stop() {
                ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
            }
        });
    }
}
