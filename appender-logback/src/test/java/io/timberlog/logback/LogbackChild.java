package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import io.timberlog.testing.LoggingChild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** The child JVM of {@link LogbackChildProcessTest}: logback configured by {@code -Dlogback.configurationFile}. */
public final class LogbackChild {
    private LogbackChild() {
    }

    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger("child");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LoggingChild.run(args, new LoggingChild.Framework() {
            @Override
            public void log(int thread, long index) {
                log.info("event {} {}", thread, index);
            }

            @Override
            public Iterable<String> warnings() {
                List<String> warnings = new ArrayList<>();
                for (Status status : context.getStatusManager().getCopyOfStatusList()) {
                    if (status.getLevel() >= Status.WARN) {
                        warnings.add(status.getMessage());
                    }
                }
                return warnings;
            }

            @Override
            public void stop() {
                context.stop();
            }
        });
    }
}
