package io.timberlog.agent.apps;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

import java.util.concurrent.CountDownLatch;

/**
 * An application on log4j2's asynchronous loggers (started with the AsyncLoggerContextSelector) that
 * dies with events still in their ring buffer: its appender holds log4j2's background thread at the
 * first event, as a slow disk would, the application logs "event 0 I" for I up to the first argument,
 * prints "acknowledged", and halts without running shutdown hooks, as a crash would.
 */
public final class AsyncLoggerCrashApp {
    private AsyncLoggerCrashApp() {
    }

    public static void main(String[] args) {
        int events = Integer.parseInt(args[0]);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        HoldingAppender holding = new HoldingAppender();
        holding.start();
        configuration.getRootLogger().addAppender(holding, null, null);
        context.updateLoggers();

        Logger logger = LogManager.getLogger("app.async");
        for (int i = 0; i < events; i++) {
            logger.info("event {} {}", 0, i);
        }
        System.out.println("acknowledged " + events);
        Runtime.getRuntime().halt(0);
    }

    /** Never returns from its first event: what follows stays in the ring buffer. */
    private static final class HoldingAppender extends AbstractAppender {
        private final CountDownLatch never = new CountDownLatch(1);

        HoldingAppender() {
            super("HOLDING", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
