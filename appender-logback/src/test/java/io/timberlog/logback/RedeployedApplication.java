package io.timberlog.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;

/**
 * A web application's logging, for {@link RedeployTest}: loaded in a class loader of its own, with logback
 * and TimberLog, it starts a logger context with the appender, logs and stops the context, as an
 * application does when it is undeployed.
 */
public final class RedeployedApplication {
    private RedeployedApplication() {
    }

    public static void deployLogAndUndeploy(String storeDir) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        TimberLogAppender appender = new TimberLogAppender();
        appender.setContext(context);
        appender.setName("TIMBERLOG");
        appender.setDir(storeDir);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.info("order {} placed", 42);
        context.stop();
    }
}
