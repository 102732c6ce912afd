package io.timberlog.core;

import io.timberlog.testing.CountingToString;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Objects among the arguments take their text from the message the framework formatted
 * ({@link CapturedEvent#renderedBy}): their {@code toString()} is not called a second time.
 */
class RenderedArgumentsTest {
    private static List<String> texts(CapturedEvent e) {
        String[] t = new String[e.argumentCount()];
        for (int i = 0; i < t.length; i++) {
            e.argumentKind(i);
            t[i] = e.argumentText(i);
        }
        return java.util.Arrays.asList(t); // numbers have no text: null entries
    }

    @Test
    void objects_takeTheirTextFromTheRenderedMessage_notFromAnotherToString() {
        CountingToString a = new CountingToString();
        CountingToString b = new CountingToString();
        String rendered = "order 42 for call#1 took call#7 ms, alice";
        CapturedEvent e = new CapturedEvent().message("order {} for {} took {} ms, {}", MessageStyle.SLF4J)
                .renderedBy(rendered).addArgument(42L).addArgument(a).addArgument(b).addArgument("alice");

        assertEquals("call#1", texts(e).get(1));
        assertEquals("call#7", texts(e).get(2));
        assertEquals(0, a.calls() + b.calls());
        assertEquals(ValueKind.INTEGER, e.argumentKind(0));
    }

    @Test
    void objectsSideBySide_areToldApartByTheKnownTextBetween_orRenderedThemselves() {
        CountingToString a = new CountingToString();
        CapturedEvent e = new CapturedEvent().message("{}{} end", MessageStyle.SLF4J).renderedBy("x7 end")
                .addArgument(a).addArgument(7L);
        assertEquals("x", texts(e).get(0));
        assertEquals(0, a.calls());

        CountingToString b = new CountingToString();
        CountingToString c = new CountingToString();
        CapturedEvent both = new CapturedEvent().message("{}{}", MessageStyle.SLF4J).renderedBy("call#1call#1")
                .addArgument(b).addArgument(c);
        assertEquals(List.of("call#1", "call#1"), texts(both)); // cannot be cut: each rendered itself
        assertEquals(2, b.calls() + c.calls());
    }

    /** SLF4J 2's key-value pairs beside an object argument (logback's fluent API). */
    @Test
    void keyValueObjects_areRenderedThemselves_andLeaveTheArgumentsAsTheyAre() {
        CountingToString argument = new CountingToString();
        CountingToString value = new CountingToString();
        CapturedEvent e = new CapturedEvent().message("order {} by {}", MessageStyle.SLF4J)
                .renderedBy("order 42 by call#1").addArgument(42L).addArgument(argument).addKeyValue("user", value);

        assertEquals(ValueKind.STRING, e.keyValueKind(0));
        assertEquals("call#1", e.keyValueText(0));
        assertEquals(1, value.calls());
        assertEquals(ValueKind.INTEGER, e.argumentKind(0));
        assertEquals(42L, e.argumentBits(0));
        assertEquals("call#1", texts(e).get(1));
        assertEquals(0, argument.calls(), "taken from the message");
    }

    @Test
    void aMessageThatDoesNotFit_rendersTheObjectsThemselves() {
        CountingToString a = new CountingToString();
        CapturedEvent e = new CapturedEvent().message("value {}", MessageStyle.SLF4J).renderedBy("something else")
                .addArgument(a);
        assertEquals("call#1", texts(e).get(0));
        assertEquals(1, a.calls());
    }

    @Test
    void anArgumentNoPlaceholderShows_isRenderedItself() {
        CountingToString shown = new CountingToString();
        CountingToString extra = new CountingToString();
        CapturedEvent e = new CapturedEvent().message("only {}", MessageStyle.SLF4J).renderedBy("only call#3")
                .addArgument(shown).addArgument(extra);
        assertEquals(List.of("call#3", "call#1"), texts(e));
        assertEquals(0, shown.calls());
    }

    @Test
    void manyArgumentsAfterAnObject_growTheArrays() {
        CountingToString a = new CountingToString();
        StringBuilder template = new StringBuilder("{}");
        StringBuilder rendered = new StringBuilder("obj");
        CapturedEvent e = new CapturedEvent().renderedBy(null);
        for (int i = 0; i < 20; i++) {
            template.append(" {}");
            rendered.append(' ').append(i);
        }
        e.message(template.toString(), MessageStyle.SLF4J).renderedBy(rendered.toString()).addArgument(a);
        for (long i = 0; i < 20; i++) {
            e.addArgument(i);
        }
        assertEquals("obj", texts(e).get(0));
        assertEquals(0, a.calls());
    }

    @Test
    void reset_forgetsTheRenderedMessage() {
        CountingToString a = new CountingToString();
        CapturedEvent e = new CapturedEvent().message("v {}", MessageStyle.SLF4J).renderedBy("v x").addArgument(a);
        assertEquals("x", texts(e).get(0));
        e.reset().message("v {}", MessageStyle.SLF4J).addArgument(a);
        assertEquals("call#1", texts(e).get(0));
    }
}
