package io.timberlog.agent.apps;

import io.timberlog.testing.LoggingChild;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** An application that logs through log4j2, knowing nothing of TimberLog. */
public final class Log4jApp {
    private Log4jApp() {
    }

    public static void main(String[] args) throws Exception {
        Logger logger = LogManager.getLogger("app.log4j2");
        LoggingChild.run(args, AppFramework.of((thread, index) -> logger.info("event {} {}", thread, index),
                LogManager::shutdown));
    }
}
