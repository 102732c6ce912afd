package io.timberlog.agent.apps;

import ch.qos.logback.classic.LoggerContext;
import io.timberlog.testing.LoggingChild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An application that logs through SLF4J and logback, knowing nothing of TimberLog. */
public final class LogbackApp {
    private LogbackApp() {
    }

    public static void main(String[] args) throws Exception {
        Logger logger = LoggerFactory.getLogger("app.logback");
        LoggingChild.run(args, AppFramework.of((thread, index) -> logger.info("event {} {}", thread, index),
                () -> ((LoggerContext) LoggerFactory.getILoggerFactory()).stop()));
    }
}
