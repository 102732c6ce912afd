package io.timberlog.bench.child;

import io.timberlog.bench.Family;

/**
 * Stops a contender's logging framework as an application does at its end, which is when a framework
 * writes what it still buffers or queues. Each framework is named only in its own class, so that a JVM
 * without it on the class path never loads it.
 */
final class FrameworkControl {
    private FrameworkControl() {
    }

    static void stop(Family family) {
        if (family == Family.LOGBACK) {
            LogbackControl.stop();
        } else {
            Log4jControl.stop();
        }
    }

    private static final class LogbackControl {
        static void stop() {
            ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).stop();
        }
    }

    private static final class Log4jControl {
        static void stop() {
            // Waits until the asynchronous loggers' ring buffer is written.
            org.apache.logging.log4j.LogManager.shutdown();
        }
    }
}
