package io.timberlog.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.ThrowableInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** --pattern prints what logback's PatternLayout prints for the same event. */
class LogbackPatternCompatibilityTest {
    @TempDir
    Path dir;

    private static final Instant TIME = Instant.parse("2024-05-01T10:11:12.345678901Z");
    private static final String LOGGER = "com.example.shop.checkout.OrderService";

    private Exception failure = new IllegalStateException("outer failure", new java.io.IOException("inner cause"));

    @ParameterizedTest
    @ValueSource(strings = {
            "%d{ISO8601, UTC} %-5level [%thread] %logger{36} - %msg%n",
            "%date{\"yyyy-MM-dd'T'HH:mm:ss,SSS\", UTC} %le %t %c{20} %m %X %X{requestId} %X{missing:-dflt}%n",
            "%d{STRICT, UTC}|%d{HH:mm:ss.SSS, UTC}|%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC}%n",
            "%-20.20logger{0}|%5.-3level|%.4thread|%10thread|%-10thread|%marker|%kvp%n",
            "%logger{1} %logger{5} %logger{10} %logger{15} %logger{25} %logger{30} %logger{100} %logger{0}%n",
            "%lo{12}|%c{16}|%logger{19}|%logger{24}%n",
            "%C|%M|%F|%L|%class.%method:%file:%line%n%caller{1}",
            "%replace(%msg){'\\d+', '#'} %replace(%thread){'-', ''}%n%nopex",
            "\\%literal \\(paren\\) %-40(%d{HH:mm:ss, UTC} [%thread]) %msg%n",
            "%p %message %ex{short}",
            "%level %msg%n%ex{2}",
            "%level %msg%n%throwable",
            "%mdc%n",
            "%micros|%ms|%C{1}|%class{0}|%C{10}|%kvp{SINGLE}|%kvp{NONE}|%kvp{DOUBLE}%n",
            "%msg%n%rEx", "%msg%n%rootException{1}", "%msg%n%rEx{short}"})
    void pattern_printsWhatLogbackPrints(String pattern) throws Exception {
        assertPrintsWhatLogbackPrints(pattern, ch.qos.logback.classic.Level.WARN);
    }

    /** Root cause first, with suppressed exceptions, a cycle and frames shared with the enclosing one. */
    @ParameterizedTest
    @ValueSource(strings = {"%msg%n%rEx", "%msg%n%rEx{3}", "%msg%n%ex", "%msg%n%ex{3}"})
    void exceptions_printWhatLogbackPrints(String pattern) throws Exception {
        failure = tangledFailure();
        assertPrintsWhatLogbackPrints(pattern, ch.qos.logback.classic.Level.ERROR);
    }

    private static Exception tangledFailure() {
        Exception root = new java.io.IOException("disk gone");
        Exception middle = new IllegalArgumentException("bad input", root);
        Exception top = new IllegalStateException("outer failure", middle);
        Exception cleanup = new RuntimeException("cleanup failed", new ArithmeticException("nested"));
        top.addSuppressed(cleanup);
        root.addSuppressed(new UnsupportedOperationException("in the root"));
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b); // a cycle
        middle.addSuppressed(b);
        return top;
    }

    /** With colors on, the same bytes as logback's: its reset, its gray, its default color for DEBUG. */
    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"})
    void colors_areLogbacksBytes(String level) throws Exception {
        assertPrintsWhatLogbackPrints("%highlight(%-5level) %gray(%thread) %boldRed(%logger{0}) %cyan(%msg) %n",
                ch.qos.logback.classic.Level.toLevel(level), "--color=always");
    }

    private void assertPrintsWhatLogbackPrints(String pattern, ch.qos.logback.classic.Level level, String... options)
            throws Exception {
        Exception failure = this.failure;
        StackTraceElement caller = new StackTraceElement("com.example.shop.checkout.OrderService", "place",
                "OrderService.java", 42);
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("requestId", "r-42");
        mdc.put("user", "alice");

        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        LoggingEvent le = new LoggingEvent();
        le.setLoggerContext(context);
        le.setLoggerName(LOGGER);
        le.setLevel(level);
        le.setThreadName("http-nio-8080-exec-1");
        le.setMessage("order {} for {} took {} ms");
        le.setArgumentArray(new Object[] {4711, "alice", 12.5});
        le.setInstant(TIME);
        le.setMDCPropertyMap(mdc);
        le.addMarker(MarkerFactory.getMarker("AUDIT"));
        le.addKeyValuePair(new KeyValuePair("customer", "c-9"));
        le.addKeyValuePair(new KeyValuePair("amount", 99));
        le.setThrowableProxy(new ThrowableProxy(failure));
        le.setCallerData(new StackTraceElement[] {caller});
        String expected = layout.doLayout(le);

        Cli.write(dir, w -> {
            CapturedEvent e = w.e.reset().timestamp(TIME.getEpochSecond() * 1_000_000_000L + TIME.getNano())
                    .level(Level.parse(level.toString())).logger(LOGGER).thread("http-nio-8080-exec-1")
                    .message("order {} for {} took {} ms", MessageStyle.SLF4J)
                    .addArgument(4711L).addArgument("alice").addArgument(12.5)
                    .putMdc("requestId", "r-42").putMdc("user", "alice").addMarker("AUDIT")
                    .addKeyValue("customer", "c-9").addKeyValue("amount", 99L)
                    .throwable(ThrowableInfo.from(failure, MessageStyle.SLF4J)).addCallerFrame(caller.toString());
            w.append(e);
        });
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(dir.toString(), "--pattern", pattern,
                "--utc"));
        args.addAll(java.util.List.of(options));
        Cli.Result r = Cli.query(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        assertEquals(expected, r.out());
    }
}
