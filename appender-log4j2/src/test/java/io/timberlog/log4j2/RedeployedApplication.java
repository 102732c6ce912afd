package io.timberlog.log4j2;

import org.apache.logging.log4j.core.LoggerContext;

import java.net.URI;

/**
 * A web application's logging, for {@link RedeployTest}: loaded in a class loader of its own, with log4j2
 * and TimberLog, it starts a logger context configured with the appender, logs and stops the context, as
 * an application does when it is undeployed.
 */
public final class RedeployedApplication {
    private RedeployedApplication() {
    }

    public static void deployLogAndUndeploy(String configuration) {
        LoggerContext context = new LoggerContext("redeployed", null, URI.create(configuration));
        context.start();
        context.getLogger("orders").info("order {} placed", 42);
        context.stop();
    }
}
