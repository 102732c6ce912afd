package io.timberlog.agent.apps;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;

import java.io.File;
import java.lang.ref.WeakReference;

/**
 * An application whose log4j2 is configured again while it runs, as {@code monitorInterval} or a
 * framework's refresh does: each argument is a configuration file it switches to, logging
 * "configuration N" through each (0 through the one it started with). It then tells whether the logger
 * configuration that served "configuration 1" has been garbage collected since it was replaced:
 * "replaced configuration collected: true|false" (log4j2 itself keeps the one it started with).
 */
public final class ReconfiguringLog4jApp {
    private static final int GC_TRIES = 20;

    private ReconfiguringLog4jApp() {
    }

    public static void main(String[] args) throws Exception {
        Logger logger = LogManager.getLogger("app.reconfigured");
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        logger.info("configuration {}", 0);
        WeakReference<LoggerConfig> replaced = null;
        for (int i = 0; i < args.length; i++) {
            Configurator.reconfigure(new File(args[i]).toURI());
            if (replaced == null) {
                replaced = new WeakReference<>(context.getConfiguration().getLoggerConfig(logger.getName()));
            }
            logger.info("configuration {}", i + 1);
        }
        for (int i = 0; i < GC_TRIES && replaced != null && replaced.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        System.out.println("replaced configuration collected: " + (replaced != null && replaced.get() == null));
        LogManager.shutdown();
    }
}
