package io.timberlog.core.internal.format;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.ValueKind;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.timberlog.core.internal.format.TestArguments.Boom;
import static io.timberlog.core.internal.format.TestArguments.mapOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's LOG4J2-style messages against log4j2's own ParameterizedMessage. */
class Log4jMessageFormatterTest {

    private static String log4j(String template, Object... args) {
        return new ParameterizedMessage(template, args).getFormattedMessage();
    }

    private static String store(String template, Object... args) {
        return StoreRoundTrip.format(MessageStyle.LOG4J2, template, args);
    }

    static Stream<Arguments> edgeCases() {
        List<Object> a = new ArrayList<>();
        List<Object> b = new ArrayList<>();
        a.add(b);
        b.add(a);
        Map<String, Object> selfMap = new HashMap<>();
        selfMap.put("me", selfMap);
        return Stream.of(
                Arguments.of("plain", new Object[] {}),
                Arguments.of("", new Object[] {1}),
                Arguments.of("{}", new Object[] {"only"}),
                Arguments.of("{}{}", new Object[] {1, 2}),
                Arguments.of("{}{}{}", new Object[] {1, 2}),
                Arguments.of("a{}", new Object[] {1, 2, 3}),
                Arguments.of("{", new Object[] {1}),
                Arguments.of("{{}}", new Object[] {1}),
                Arguments.of("\\{}", new Object[] {1}),
                Arguments.of("\\{} {}", new Object[] {1}),
                Arguments.of("\\\\{}", new Object[] {1}),
                Arguments.of("\\\\\\{}", new Object[] {1}),
                Arguments.of("a \\{} b {}", new Object[] {}),
                Arguments.of("a \\n {} \\\\ \\{}", new Object[] {"x"}),
                Arguments.of("{}\\", new Object[] {1}),
                Arguments.of("{}\\\\", new Object[] {1}),
                Arguments.of("x={} y={}", new Object[] {null, null}),
                Arguments.of("{} {} {} {}", new Object[] {Float.NaN, -0.0, 1e-10, 1e-10f}),
                Arguments.of("{} {}", new Object[] {Long.MIN_VALUE, Double.MIN_VALUE}),
                Arguments.of("{} {} {}", new Object[] {'c', (short) -3, (byte) 7}),
                Arguments.of("{}", new Object[] {new Date(1_700_000_000_123L)}),
                Arguments.of("{}", new Object[] {new Timestamp(1_700_000_000_123L)}),
                Arguments.of("{}", new Object[] {new java.sql.Date(1_700_000_000_123L)}),
                Arguments.of("{}", new Object[] {new java.sql.Time(1_700_000_000_123L)}),
                Arguments.of("{}", new Object[] {LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6)}),
                Arguments.of("{}", new Object[] {new Object[] {new Date(0L), List.of(new Date(0L))}}),
                Arguments.of("{} {}", new Object[] {mapOf("k", null, null, "v"), List.of(1, List.of(2))}),
                Arguments.of("{}", new Object[] {a}),
                Arguments.of("{}", new Object[] {selfMap}),
                Arguments.of("{}", new Object[] {TestArguments.selfContainingArray()}),
                Arguments.of("{}", new Object[] {TestArguments.selfContainingList()}),
                Arguments.of("{}", new Object[] {new Object[] {a, a}}),
                Arguments.of("{} {}", new Object[] {new Boom(new IllegalStateException("boom")), 2}),
                Arguments.of("{}", new Object[] {new Boom(new IllegalStateException((String) null))}),
                Arguments.of("{}", new Object[] {new Boom(new IllegalStateException("java.lang.IllegalStateException"))}),
                Arguments.of("{}", new Object[] {List.of(new Boom(new UnsupportedOperationException("nested")))}),
                Arguments.of("{}", new Object[] {new TestArguments.NullText()}),
                Arguments.of("{}", new Object[] {new TestArguments.Chars("seq")}),
                Arguments.of("{}", new Object[] {new ParameterizedMessage("inner {}", 42)}),
                Arguments.of("ünï {} 😀 {}", new Object[] {"é", "\uD83D"}),
                Arguments.of("{} then {}", new Object[] {new IllegalStateException("not last"), 1}),
                Arguments.of("{} and {}", new Object[] {1, new IllegalStateException("last, unused")}));
    }

    @ParameterizedTest
    @MethodSource("edgeCases")
    void format_edgeCase_matchesParameterizedMessage(String template, Object[] args) {
        assertEquals(log4j(template, args), store(template, args));
    }

    @Test
    void format_withEscapedPlaceholderOnly_keepsTemplateVerbatim() {
        // no real placeholder: log4j2 does not unescape at all
        assertEquals("a \\{} b", store("a \\{} b", "unused"));
    }

    @Test
    void format_withEscapesAndPlaceholder_unescapesWholeTemplate() {
        assertEquals("{} x \\ \\n", store("\\{} {} \\\\ \\n", "x"));
        assertEquals(log4j("\\{} {} \\\\ \\n", "x"), store("\\{} {} \\\\ \\n", "x"));
    }

    @Test
    void format_withoutArguments_stillUnescapes() {
        assertEquals("{} {}", store("\\{} {}"));
        assertEquals(log4j("\\{} {}"), store("\\{} {}"));
    }

    @Test
    void format_withNullTemplate_printsNull() {
        assertEquals(log4j(null, 1), store(null, 1));
    }

    @Test
    void format_withTrailingEscapedBrace_isLenientWhereLog4jThrows() {
        assertThrows(StringIndexOutOfBoundsException.class, () -> log4j("{} \\{", 1));
        assertEquals("1 \\{", store("{} \\{", 1));
    }

    @Test
    void addArgument_withFailingToString_storesLog4jErrorTextAsFailedValue() {
        Boom boom = new Boom(new IllegalStateException("boom"));
        CapturedEvent event = StoreRoundTrip.capture(MessageStyle.LOG4J2, "{}", boom);
        assertEquals(ValueKind.FAILED_TO_STRING, event.argumentKind(0));
        assertEquals(log4j("{}", boom), event.argumentText(0));
        assertTrue(event.argumentText(0).startsWith("[!!!"));
    }

    @Test
    void addArgument_whenIterationFails_storesErrorTextInsteadOfThrowing() {
        List<Object> failing = new ArrayList<>() {
            @Override
            public Iterator<Object> iterator() {
                throw new ConcurrentModificationException();
            }
        };
        CapturedEvent event = StoreRoundTrip.capture(MessageStyle.LOG4J2, "{}", failing);
        assertEquals(ValueKind.FAILED_TO_STRING, event.argumentKind(0));
        assertTrue(event.argumentText(0).endsWith("=>java.util.ConcurrentModificationException:null!!!]"));
    }

    @Test
    void format_randomTemplatesAndArguments_matchParameterizedMessage() {
        Random random = new Random(20240612L);
        int compared = 0;
        for (int i = 0; i < 4000; i++) {
            String template = TestArguments.randomTemplate(random);
            Object[] args = TestArguments.randomArguments(random);
            String expected;
            try {
                expected = log4j(template, args);
            } catch (StringIndexOutOfBoundsException e) {
                continue; // a trailing "\{": see format_withTrailingEscapedBrace_isLenientWhereLog4jThrows
            }
            assertEquals(expected, store(template, args), () -> "template <" + template + ">");
            compared++;
        }
        assertTrue(compared > 3500, "compared " + compared);
    }
}
