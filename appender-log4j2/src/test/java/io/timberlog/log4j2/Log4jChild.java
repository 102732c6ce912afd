package io.timberlog.log4j2;

import io.timberlog.testing.LoggingChild;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusLogger;

import java.util.ArrayList;
import java.util.List;

/** The child JVM of {@link Log4jChildProcessTest}: log4j2 configured by {@code -Dlog4j2.configurationFile}. */
public final class Log4jChild {
    private Log4jChild() {
    }

    public static void main(String[] args) throws Exception {
        Logger log = LogManager.getLogger("child");
        LoggingChild.run(args, new LoggingChild.Framework() {
            @Override
            public void log(int thread, long index) {
                log.info("event {} {}", thread, index);
            }

            @Override
            public Iterable<String> warnings() {
                List<String> warnings = new ArrayList<>();
                for (StatusData status : StatusLogger.getLogger().getStatusData()) {
                    if (status.getLevel().isMoreSpecificThan(Level.WARN)) {
                        warnings.add(status.getMessage().getFormattedMessage());
                    }
                }
                return warnings;
            }

            @Override
            public void stop() {
                LogManager.shutdown();
            }
        });
    }
}
