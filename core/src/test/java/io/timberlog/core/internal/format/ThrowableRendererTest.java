package io.timberlog.core.internal.format;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.ThrowableInfo;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stored exceptions printed by the store against the frameworks printing the live ones. */
class ThrowableRendererTest {
    private static final LoggerContext LOGBACK_CONTEXT = new LoggerContext();
    private static final PatternLayout LOGBACK_LAYOUT = logbackLayout();
    private static final org.apache.logging.log4j.core.layout.PatternLayout LOG4J_LAYOUT =
            org.apache.logging.log4j.core.layout.PatternLayout.newBuilder().setPattern("%ex").build();

    private static PatternLayout logbackLayout() {
        PatternLayout layout = new PatternLayout();
        layout.setContext(LOGBACK_CONTEXT);
        layout.setPattern("%ex");
        layout.start();
        return layout;
    }

    static String logback(Throwable t) {
        return LOGBACK_LAYOUT.doLayout(new LoggingEvent("fqcn", LOGBACK_CONTEXT.getLogger("test"),
                ch.qos.logback.classic.Level.ERROR, "failed", t, null));
    }

    static String log4j(Throwable t) {
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("test").setLevel(Level.ERROR)
                .setMessage(new SimpleMessage("failed")).setThrown(t).build();
        return LOG4J_LAYOUT.toSerializable(event);
    }

    static String jdk(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String store(Throwable t, MessageStyle style) {
        return ThrowableRenderer.render(ThrowableInfo.from(t, style), style);
    }

    static Stream<Arguments> throwables() {
        return TestThrowables.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throwables")
    void render_slf4j_matchesLogbackPatternLayout(String name, Throwable t) {
        assertEquals(logback(t), store(t, MessageStyle.SLF4J));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throwables")
    void render_log4j2_matchesLog4jPatternLayout(String name, Throwable t) {
        assertEquals(log4j(t), store(t, MessageStyle.LOG4J2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throwables")
    void render_literal_matchesPrintStackTrace(String name, Throwable t) {
        assertEquals(jdk(t), store(t, MessageStyle.LITERAL));
    }

    @Test
    void from_withoutStyle_isTheJdkView() {
        Throwable t = TestThrowables.causeAlsoSuppressedElsewhere();
        assertEquals(ThrowableInfo.from(t, MessageStyle.LITERAL), ThrowableInfo.from(t));
    }

    @Test
    void from_sharedCause_isExpandedWhereEachFrameworkExpandsIt() {
        Throwable t = TestThrowables.causeAlsoSuppressedElsewhere();
        ThrowableInfo logbackView = ThrowableInfo.from(t, MessageStyle.SLF4J);
        ThrowableInfo jdkView = ThrowableInfo.from(t, MessageStyle.LITERAL);
        assertTrue(logbackView.suppressed().get(0).cause().isCircularReference());
        assertTrue(jdkView.cause().isCircularReference());
        assertNotEquals(logbackView, jdkView);
    }

    @Test
    void from_outermostReferencedByItsCause_omitsCommonFramesAtTopForLog4j() {
        Throwable t = TestThrowables.outermostSuppressedByItsCause();
        assertTrue(ThrowableInfo.from(t, MessageStyle.LOG4J2).commonFramesOmitted() > 0);
        assertEquals(0, ThrowableInfo.from(t, MessageStyle.LITERAL).commonFramesOmitted());
    }

    @Test
    void render_nullMessage_printsClassOnlyButCircularReferencePrintsNullForLogback() {
        String printed = store(TestThrowables.circularWithoutMessage(), MessageStyle.SLF4J);
        assertTrue(printed.startsWith("java.lang.RuntimeException" + System.lineSeparator()), printed);
        assertTrue(printed.contains("Caused by: [CIRCULAR REFERENCE: java.lang.RuntimeException: null]"), printed);
    }

    @Test
    void render_storedDescription_printsWithoutTheLiveThrowable() {
        ThrowableInfo cause = ThrowableInfo.of("java.io.IOException", "disk", java.util.List.of("a.B.c(B.java:2)"),
                1, null, java.util.List.of());
        ThrowableInfo top = ThrowableInfo.of("java.lang.RuntimeException", null,
                java.util.List.of("a.B.d(B.java:1)", "a.B.main(B.java:9)"), 0, cause, java.util.List.of());
        String ls = System.lineSeparator();
        assertEquals("java.lang.RuntimeException" + ls + "\tat a.B.d(B.java:1)" + ls + "\tat a.B.main(B.java:9)" + ls
                + "Caused by: java.io.IOException: disk" + ls + "\tat a.B.c(B.java:2)" + ls
                + "\t... 1 common frames omitted" + ls, ThrowableRenderer.render(top, MessageStyle.SLF4J));
    }
}
