package io.timberlog.core.internal.format;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.timberlog.core.CapturedEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.ValueKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.Random;
import java.util.stream.Stream;

import static io.timberlog.core.internal.format.TestArguments.Boom;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The store's SLF4J-style messages against slf4j's MessageFormatter and logback itself. */
class Slf4jMessageFormatterTest {
    private static final LoggerContext CONTEXT = new LoggerContext();
    private static final Logger LOGGER = CONTEXT.getLogger("test");

    private static String slf4j(String template, Object... args) {
        return org.slf4j.helpers.MessageFormatter.arrayFormat(template, args).getMessage();
    }

    private static String logback(String template, Object... args) {
        return new LoggingEvent("fqcn", LOGGER, Level.INFO, template, null, args).getFormattedMessage();
    }

    private static String store(String template, Object... args) {
        return StoreRoundTrip.format(MessageStyle.SLF4J, template, args);
    }

    static Stream<Arguments> edgeCases() {
        Object[] self = new Object[2];
        self[0] = "x";
        self[1] = self;
        return Stream.of(
                Arguments.of("plain", new Object[] {}),
                Arguments.of("", new Object[] {1}),
                Arguments.of("{}", new Object[] {"only"}),
                Arguments.of("{}{}", new Object[] {1, 2}),
                Arguments.of("{}{}{}", new Object[] {1, 2}),
                Arguments.of("a{}", new Object[] {1, 2, 3}),
                Arguments.of("{ {} }", new Object[] {1}),
                Arguments.of("{", new Object[] {1}),
                Arguments.of("}{", new Object[] {1}),
                Arguments.of("{{}}", new Object[] {1}),
                Arguments.of("\\{}", new Object[] {1}),
                Arguments.of("\\{} {}", new Object[] {1}),
                Arguments.of("\\\\{}", new Object[] {1}),
                Arguments.of("\\\\\\{}", new Object[] {1}),
                Arguments.of("\\{}{}", new Object[] {1, 2}),
                Arguments.of("{}\\", new Object[] {1}),
                Arguments.of("a \\{} b {}", new Object[] {}),
                Arguments.of("x={} y={}", new Object[] {null, null}),
                Arguments.of("{} {} {} {}", new Object[] {Float.NaN, -0.0, 1e-10, 1e-10f}),
                Arguments.of("{} {}", new Object[] {Long.MIN_VALUE, Double.MIN_VALUE}),
                Arguments.of("{} {}", new Object[] {'c', new BigDecimal("1E+3")}),
                Arguments.of("{} {}", new Object[] {new int[] {1, 2}, new long[][] {{1L}, {2L, 3L}, null}}),
                Arguments.of("{}", new Object[] {new char[] {'a', 'b'}}),
                Arguments.of("{}", new Object[] {self}),
                Arguments.of("{}", new Object[] {new Object[] {self, self}}),
                Arguments.of("{} {}", new Object[] {new Boom(new IllegalStateException()), 2}),
                Arguments.of("{}", new Object[] {new Object[] {new Boom(new IllegalStateException())}}),
                Arguments.of("{}", new Object[] {new TestArguments.NullText()}),
                Arguments.of("ünï {} 😀 {}", new Object[] {"é", "\uD83D"}),
                Arguments.of("{} then {}", new Object[] {new IllegalStateException("not last"), 1}));
    }

    @ParameterizedTest
    @MethodSource("edgeCases")
    void format_edgeCase_matchesSlf4jAndLogback(String template, Object[] args) {
        assertEquals(slf4j(template, args), store(template, args));
        assertEquals(logback(template, args), store(template, args));
    }

    @Test
    void format_withEscapedPlaceholder_keepsBraces() {
        assertEquals("a {} b", store("a \\{} b", "unused"));
        assertEquals(slf4j("a \\{} b", "unused"), store("a \\{} b", "unused"));
    }

    @Test
    void format_withDoubleEscape_keepsOneBackslashAndSubstitutes() {
        assertEquals("C:\\x", store("C:\\\\{}", "x"));
        assertEquals(slf4j("C:\\\\{}", "x"), store("C:\\\\{}", "x"));
    }

    @Test
    void format_withoutArguments_keepsEscapesAsWritten() {
        assertEquals("a \\{} {}", store("a \\{} {}"));
    }

    @Test
    void format_withFewerArgumentsThanPlaceholders_leavesLaterOnesAndEscapesUntouched() {
        assertEquals("1 {} \\{}", store("{} {} \\{}", 1));
        assertEquals(slf4j("{} {} \\{}", 1), store("{} {} \\{}", 1));
    }

    @Test
    void format_withExtraArguments_ignoresThem() {
        assertEquals("a=1", store("a={}", 1, 2, 3));
    }

    @Test
    void format_withNullTemplate_printsNullAsLogbackLayoutDoes() {
        PatternLayout layout = new PatternLayout();
        layout.setContext(CONTEXT);
        layout.setPattern("%msg");
        layout.start();
        String printed = layout.doLayout(new LoggingEvent("fqcn", LOGGER, Level.INFO, null, null, new Object[] {1}));
        assertEquals(printed, store(null, 1));
    }

    @Test
    void addArgument_withFailingToString_storesSlf4jPlaceholderAsFailedValue() {
        CapturedEvent event = StoreRoundTrip.capture(MessageStyle.SLF4J, "{}", new Boom(new IllegalStateException("x")));
        assertEquals(ValueKind.FAILED_TO_STRING, event.argumentKind(0));
        assertEquals("[FAILED toString()]", event.argumentText(0));
    }

    @Test
    void format_randomTemplatesAndArguments_matchSlf4j() {
        Random random = new Random(20240611L);
        for (int i = 0; i < 4000; i++) {
            String template = TestArguments.randomTemplate(random);
            Object[] args = TestArguments.randomArguments(random);
            assertEquals(slf4j(template, args), store(template, args), () -> "template <" + template + ">");
        }
    }

    @Test
    void format_randomTemplatesAndArguments_matchLogbackLoggingEvent() {
        Random random = new Random(7L);
        for (int i = 0; i < 500; i++) {
            String template = TestArguments.randomTemplate(random);
            Object[] args = TestArguments.randomArguments(random);
            assertEquals(logback(template, args), store(template, args), () -> "template <" + template + ">");
        }
    }
}
