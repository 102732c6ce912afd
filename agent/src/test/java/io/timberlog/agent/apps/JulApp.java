package io.timberlog.agent.apps;

import io.timberlog.testing.LoggingChild;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An application that logs through java.util.logging, knowing nothing of TimberLog. With the system
 * property {@code app.julToSlf4j=true} it first sends JUL to SLF4J (jul-to-slf4j's bridge handler), as
 * applications on logback commonly do, initializing SLF4J before with {@code app.slf4jFirst=true}; with {@code app.evenOnly=true} its logger has a filter that lets
 * only the events with an even index through.
 */
public final class JulApp {
    private JulApp() {
    }

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean("app.julToSlf4j")) {
            if (Boolean.getBoolean("app.slf4jFirst")) {
                org.slf4j.LoggerFactory.getILoggerFactory(); // SLF4J initialized before JUL is sent to it
            }
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
        Logger logger = Logger.getLogger("app.jul");
        if (Boolean.getBoolean("app.evenOnly")) {
            logger.setFilter(record -> Long.parseLong((String) record.getParameters()[1]) % 2 == 0);
        }
        LoggingChild.run(args, AppFramework.of((thread, index) -> logger.log(Level.INFO, "event {0} {1}",
                new Object[] {String.valueOf(thread), String.valueOf(index)}), () -> { }));
    }
}
