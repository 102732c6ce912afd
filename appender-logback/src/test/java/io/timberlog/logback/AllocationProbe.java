package io.timberlog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.timberlog.testing.AllocationMeter;
import org.slf4j.MDC;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures (does not assert) the bytes allocated per event: by the mapping from logback's event to
 * ours, by the appender's whole append (mapping and store), and by a whole logging call through logback.
 * Run by hand: {@code java -cp <test class path> io.timberlog.logback.AllocationProbe}.
 */
public final class AllocationProbe {
    private AllocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("timberlog-probe");
        LoggerContext context = LogbackFixture.load("probe-logback.xml", dir);
        Logger logger = context.getLogger("com.acme.Orders");
        TimberLogAppender appender = LogbackFixture.timberLog(context);
        MDC.put("requestId", "r-1");
        MDC.put("customer", "alice");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "order {} for {} took {} ms",
                null, new Object[] {42, "ACME", 12.5});
        event.prepareForDeferredProcessing();

        AllocationMeter.report("map (ILoggingEvent -> CapturedEvent)", () -> {
            LogbackEventMapper mapper = LogbackEventMapper.acquire();
            mapper.map(event, false);
            mapper.release();
        });
        AllocationMeter.report("appender.doAppend (map + store)", () -> appender.doAppend(event));
        AllocationMeter.report("logger.info through logback (all of it)", () -> logger.info("order {} for {} took {} ms", 42, "ACME", 12.5));
        context.stop();
    }
}
