package io.timberlog.log4j2;

import io.timberlog.testing.AllocationMeter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures (does not assert) the bytes allocated per event: by the mapping from log4j2's event to ours,
 * by the appender's whole append (mapping and store), and by a whole logging call through log4j2.
 * Run by hand: {@code java -cp <test class path> io.timberlog.log4j2.AllocationProbe}.
 */
public final class AllocationProbe {
    private AllocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("timberlog-probe");
        LoggerContext context = Log4jFixture.load("probe-log4j2.xml", dir);
        Logger logger = context.getLogger("com.acme.Orders");
        TimberLogAppender appender = Log4jFixture.timberLog(context);
        ThreadContext.put("requestId", "r-1");
        ThreadContext.put("customer", "alice");
        MutableLogEvent event = new MutableLogEvent();
        event.setLoggerName("com.acme.Orders");
        event.setLevel(Level.INFO);
        event.setThreadName("main");
        event.setMessage(new ReusableParameterizedMessage().set("order {} for {} took {} ms", 42, "ACME", 12.5));
        event.setContextData(ContextDataFactory.createContextData(ThreadContext.getContext()));

        AllocationMeter.report("map (LogEvent -> CapturedEvent)", () -> {
            Log4jEventMapper mapper = Log4jEventMapper.acquire();
            mapper.map(event, false);
            mapper.release();
        });
        AllocationMeter.report("appender.append (map + store)", () -> appender.append(event));
        AllocationMeter.report("logger.info through log4j2 (all of it)", () -> logger.info("order {} for {} took {} ms", 42, "ACME", 12.5));
        context.stop();
    }
}
