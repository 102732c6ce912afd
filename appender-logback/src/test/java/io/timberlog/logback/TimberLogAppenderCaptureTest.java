package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.timberlog.core.KeyValue;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import io.timberlog.testing.Throwables;
import io.timberlog.testing.CountingToString;
import io.timberlog.testing.FailingToString;
import io.timberlog.testing.Stores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Logs a range of events through a real logback configuration, then checks every field the store
 * kept against the event logback itself handed to its appenders, and the formatted message and stack
 * trace against logback's own {@code %msg} and {@code %ex}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimberLogAppenderCaptureTest {
    private LoggerContext context;
    private List<ILoggingEvent> logged;
    private List<LogEvent> stored;
    private final CountingToString counted = new CountingToString();

    @BeforeAll
    void logEverything(@TempDir Path dir) throws InterruptedException {
        context = LogbackFixture.load("capture-logback.xml", dir);
        Logger log = context.getLogger("com.acme.Orders");
        log.info("plain text");
        log.info("order {} for {} took {} ms", 42, "ACME", 12.5);
        log.warn("escaped \\{} and {}", "x");
        log.info("without arguments the escape \\{} and {} stay");
        log.info("array {} map {} null {}", new int[] {1, 2}, Map.of("k", "v"), null);
        log.info("failing {}", new FailingToString());
        log.debug("too few {} {}", "one");
        log.trace("too many", "a", "b");
        log.info("boolean {} long {} float {} char {}", true, Long.MAX_VALUE, 1.5f, 'c');
        log.error("argument and exception {}", "arg", new IllegalStateException("last argument"));
        for (Map.Entry<String, Throwable> t : Throwables.all().entrySet()) {
            log.error("failed: " + t.getKey(), t.getValue());
        }
        MDC.put("requestId", "r-1");
        MDC.put("user", "alice");
        try {
            Marker audit = MarkerFactory.getDetachedMarker("AUDIT");
            audit.add(MarkerFactory.getDetachedMarker("SECURITY"));
            log.warn(audit, "with MDC and markers");
        } finally {
            MDC.clear();
        }
        log.atInfo().addMarker(MarkerFactory.getDetachedMarker("FIRST")).addMarker(MarkerFactory.getDetachedMarker("SECOND"))
                .addKeyValue("customer", "c-9").addKeyValue("amount", 99L).addKeyValue("nothing", (Object) null)
                .setMessage("fluent {}").addArgument("api").log();
        log.atInfo().addKeyValue("order", List.of("o-7")).setMessage("objects {}").addArgument(List.of("o-8")).log();
        Thread worker = new Thread(() -> log.info("from another thread"), "worker-7");
        worker.start();
        worker.join();
        context.getLogger("other").info("another logger");
        log.info("counted {} and {}", counted, 7);
        logged = LogbackFixture.listed(context);
        context.stop(); // closes the store
        stored = Stores.read(dir);
    }

    @Test
    void append_everyEvent_isStoredInOrder() {
        assertEquals(23, logged.size());
        assertEquals(logged.size(), stored.size(), stored.toString());
        for (int i = 0; i < stored.size(); i++) {
            assertEquals(i, stored.get(i).sequence());
            assertEquals(logged.get(i).getMessage(), stored.get(i).template());
        }
    }

    /** An object argument's toString() runs once, logback's: the store takes its text from logback's message. */
    @Test
    void append_objectArgument_isRenderedOnce_asLogbackShowsIt() {
        LogEvent last = stored.get(stored.size() - 1);
        assertEquals(1, counted.calls());
        assertEquals("counted call#1 and 7", last.message());
        assertEquals(List.of(Value.of("call#1"), Value.of(7)), last.arguments());
    }

    @Test
    void append_message_isLogbacksMsgExactly() {
        for (int i = 0; i < logged.size(); i++) {
            assertEquals(LogbackFixture.render(context, "%msg%nopex", logged.get(i)), stored.get(i).message(),
                    "event " + i + ": " + logged.get(i).getMessage());
            assertFalse(stored.get(i).hasStoredMessage(), "rebuilt from template and arguments, not stored");
        }
    }

    @Test
    void append_templateAndArguments_areKeptTyped() {
        LogEvent order = stored.get(1);
        assertEquals("order {} for {} took {} ms", order.template());
        assertEquals(MessageStyle.SLF4J, order.style());
        assertEquals(List.of(Value.of(42), Value.of("ACME"), Value.of(12.5)), order.arguments());
    }

    @Test
    void append_throwable_printsAsLogbacksEx() {
        int withThrowable = 0;
        for (int i = 0; i < logged.size(); i++) {
            String expected = LogbackFixture.render(context, "%ex", logged.get(i));
            assertEquals(expected, stored.get(i).throwableText(), "event " + i + ": " + logged.get(i).getMessage());
            withThrowable += expected.isEmpty() ? 0 : 1;
        }
        assertEquals(Throwables.all().size() + 1, withThrowable);
    }

    @Test
    void append_trailingThrowableArgument_isTheExceptionNotAnArgument() {
        LogEvent e = stored.get(9);
        assertEquals(List.of(Value.of("arg")), e.arguments());
        assertEquals("java.lang.IllegalStateException", e.throwable().className());
    }

    @Test
    void append_timestamp_hasLogbacksNanosecondPrecision() {
        for (int i = 0; i < logged.size(); i++) {
            Instant instant = logged.get(i).getInstant();
            assertEquals(instant.getEpochSecond() * 1_000_000_000L + instant.getNano(), stored.get(i).epochNanos());
        }
    }

    @Test
    void append_levelLoggerAndThread_areLogbacks() {
        for (int i = 0; i < logged.size(); i++) {
            ILoggingEvent l = logged.get(i);
            LogEvent s = stored.get(i);
            assertEquals(Level.valueOf(l.getLevel().toString()), s.level());
            assertEquals(l.getLoggerName(), s.logger());
            assertEquals(l.getThreadName(), s.thread());
        }
        assertTrue(stored.stream().anyMatch(e -> e.thread().equals("worker-7")));
    }

    @Test
    void append_mdc_isKept() {
        LogEvent e = find("with MDC and markers");
        assertEquals(Map.of("requestId", "r-1", "user", "alice"), new LinkedHashMap<>(e.mdc()));
        assertEquals(Map.of(), find("plain text").mdc());
    }

    @Test
    void append_markers_areKeptWithTheMarkersTheyReferTo() {
        assertEquals(List.of("AUDIT", "SECURITY"), find("with MDC and markers").markers());
        assertEquals(List.of("FIRST", "SECOND"), find("fluent {}").markers());
    }

    @Test
    void append_keyValuePairs_areKeptTyped() {
        assertEquals(List.of(new KeyValue("customer", Value.of("c-9")), new KeyValue("amount", Value.of(99L)),
                new KeyValue("nothing", Value.ofNull())), find("fluent {}").keyValues());
    }

    /** An object value beside an object argument, whose text the store takes from logback's message. */
    @Test
    void append_objectKeyValueBesideAnObjectArgument_isStoredWithBoth() {
        LogEvent e = find("objects {}");
        assertEquals(List.of(new KeyValue("order", Value.of("[o-7]"))), e.keyValues());
        assertEquals(List.of(Value.of("[o-8]")), e.arguments());
    }

    @Test
    void append_callerData_isLogbacksWhenAsked() {
        for (int i = 0; i < logged.size(); i++) {
            List<String> expected = new ArrayList<>();
            for (StackTraceElement frame : logged.get(i).getCallerData()) {
                expected.add(frame.toString());
            }
            assertEquals(expected, stored.get(i).callerFrames());
        }
        assertTrue(find("plain text").callerFrames().get(0).contains(getClass().getName() + ".logEverything"));
    }

    private LogEvent find(String template) {
        return stored.stream().filter(e -> e.template().equals(template)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + template));
    }
}
