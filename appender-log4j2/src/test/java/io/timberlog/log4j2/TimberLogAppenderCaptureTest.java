package io.timberlog.log4j2;

import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import io.timberlog.testing.CountingToString;
import io.timberlog.testing.FailingToString;
import io.timberlog.testing.Stores;
import io.timberlog.testing.Throwables;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ObjectMessage;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.message.StringFormattedMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Logs a range of events through a real log4j2 configuration, then checks every field the store kept
 * against the event log4j2 handed to its appenders, and the formatted message and stack trace against
 * log4j2's own {@code %msg} and {@code %ex}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimberLogAppenderCaptureTest {
    private List<String> messages;
    private List<String> exceptions;
    private List<org.apache.logging.log4j.core.LogEvent> logged;
    private List<LogEvent> stored;
    private final CountingToString counted = new CountingToString();

    @BeforeAll
    void logEverything(@TempDir Path dir) throws InterruptedException {
        LoggerContext context = Log4jFixture.load("capture-log4j2.xml", dir);
        Logger log = context.getLogger("com.acme.Orders");
        log.info("plain text");
        log.info("order {} for {} took {} ms", 42, "ACME", 12.5);
        log.warn("escaped \\{} and {}", "x");
        log.info("without arguments \\{} and {} stay");
        log.info("too few {} {}", "one");
        log.debug("too many {}", "a", "b");
        log.info("array {} map {} null {}", new int[] {1, 2}, Map.of("k", "v"), null);
        log.info("failing {}", new FailingToString());
        log.trace("boolean {} long {} char {}", true, Long.MAX_VALUE, 'c');
        log.error("argument and exception {}", "arg", new IllegalStateException("last argument"));
        for (Map.Entry<String, Throwable> t : Throwables.all().entrySet()) {
            log.error("failed: " + t.getKey(), t.getValue());
        }
        log.info("lookups stay text: ${java:version} {}", "${env:HOME}");
        log.info((Object) "an object message of a String {}");
        log.info((Object) List.of("an", "object"));
        log.info((CharSequence) new StringBuilder("a char sequence {}"));
        log.info((Message) new SimpleMessage("a simple message \\{} {}"));
        log.info(new ParameterizedMessage("a parameterized message {}", "object"));
        log.info(new ObjectMessage(42));
        log.info(new StringFormattedMessage("%s items", 3));
        log.printf(Level.INFO, "printf %d%%", 5);
        log.info((Message) new MapMessage<>(Map.of("key", "value")));
        ThreadContext.put("requestId", "r-1");
        ThreadContext.put("user", "alice");
        try {
            Marker audit = MarkerManager.getMarker("AUDIT").setParents(MarkerManager.getMarker("SECURITY"));
            log.warn(audit, "with context and marker");
        } finally {
            ThreadContext.clearMap();
        }
        Thread worker = new Thread(() -> log.info("from another thread"), "worker-7");
        worker.start();
        worker.join();
        log.info("counted {} and {}", counted, 7);

        messages = Log4jFixture.recording(context, "MSG").rendered;
        exceptions = Log4jFixture.recording(context, "EX").rendered;
        logged = Log4jFixture.recording(context, "MSG").events;
        context.stop(); // closes the store
        stored = Stores.read(dir);
    }

    @Test
    void append_everyEvent_isStoredInOrder() {
        assertEquals(30, logged.size());
        assertEquals(logged.size(), stored.size(), stored.toString());
        for (int i = 0; i < stored.size(); i++) {
            assertEquals(i, stored.get(i).sequence());
        }
    }

    @Test
    void append_message_isLog4jsMsgExactly() {
        for (int i = 0; i < logged.size(); i++) {
            assertEquals(messages.get(i), stored.get(i).message(), "event " + i);
        }
    }

    @Test
    void append_parameterizedMessage_keepsTemplateAndTypedArguments() {
        LogEvent order = stored.get(1);
        assertEquals("order {} for {} took {} ms", order.template());
        assertEquals(MessageStyle.LOG4J2, order.style());
        assertEquals(List.of(Value.of(42), Value.of("ACME"), Value.of(12.5)), order.arguments());
        assertFalse(order.hasStoredMessage());
    }

    @Test
    void append_simpleMessages_areKeptVerbatim() {
        LogEvent simple = find("a simple message \\{} {}");
        assertEquals(MessageStyle.LITERAL, simple.style());
        assertEquals("a simple message \\{} {}", simple.message());
        assertEquals("an object message of a String {}", find("an object message of a String {}").message());
    }

    @Test
    void append_lookupsInMessageAndArguments_areNeverEvaluated() {
        LogEvent e = find("lookups stay text: ${java:version} {}");
        assertEquals("lookups stay text: ${java:version} ${env:HOME}", e.message());
        assertEquals(List.of(Value.of("${env:HOME}")), e.arguments());
    }

    /** An object argument's toString() runs once, log4j2's: the store takes its text from log4j2's message. */
    @Test
    void append_objectArgument_isRenderedOnce_asLog4jShowsIt() {
        LogEvent last = stored.get(stored.size() - 1);
        assertEquals(1, counted.calls());
        assertEquals("counted call#1 and 7", last.message());
        assertEquals(List.of(Value.of("call#1"), Value.of(7)), last.arguments());
    }

    /** A throwable no placeholder takes is the event's throwable, not an argument too (as with logback). */
    @Test
    void append_throwableAfterTheArguments_isNoArgument() {
        LogEvent e = stored.stream().filter(s -> s.template().startsWith("argument and exception")).findFirst().orElseThrow();
        assertEquals(List.of(Value.of("arg")), e.arguments());
        assertEquals("java.lang.IllegalStateException", e.throwable().className());
    }

    @Test
    void append_throwable_printsAsLog4jsEx() {
        int withThrowable = 0;
        for (int i = 0; i < logged.size(); i++) {
            assertEquals(exceptions.get(i), stored.get(i).throwableText(), "event " + i);
            withThrowable += exceptions.get(i).isEmpty() ? 0 : 1;
        }
        assertEquals(Throwables.all().size() + 1, withThrowable);
    }

    @Test
    void append_timestamp_isLog4jsInstant() {
        for (int i = 0; i < logged.size(); i++) {
            Instant instant = logged.get(i).getInstant();
            assertEquals(instant.getEpochSecond() * 1_000_000_000L + instant.getNanoOfSecond(), stored.get(i).epochNanos());
        }
    }

    @Test
    void append_levelLoggerAndThread_areLog4js() {
        for (int i = 0; i < logged.size(); i++) {
            org.apache.logging.log4j.core.LogEvent l = logged.get(i);
            LogEvent s = stored.get(i);
            assertEquals(l.getLevel().name(), s.level().name());
            assertEquals(l.getLoggerName(), s.logger());
            assertEquals(l.getThreadName(), s.thread());
        }
        assertEquals("worker-7", find("from another thread").thread());
    }

    @Test
    void append_threadContext_isKept() {
        assertEquals(Map.of("requestId", "r-1", "user", "alice"), new LinkedHashMap<>(find("with context and marker").mdc()));
        assertEquals(Map.of(), find("plain text").mdc());
    }

    @Test
    void append_marker_isKeptWithItsParents() {
        assertEquals(List.of("AUDIT", "SECURITY"), find("with context and marker").markers());
    }

    @Test
    void append_callerData_isLog4jsLocationWhenAsked() {
        for (int i = 0; i < logged.size(); i++) {
            assertEquals(List.of(logged.get(i).getSource().toString()), stored.get(i).callerFrames(), "event " + i);
        }
        assertTrue(find("plain text").callerFrames().get(0).contains(getClass().getName() + ".logEverything"));
    }

    private LogEvent find(String template) {
        return stored.stream().filter(e -> e.template().equals(template)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + template + " in " + stored));
    }
}
