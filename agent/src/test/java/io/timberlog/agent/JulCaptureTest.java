package io.timberlog.agent;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.ValueKind;
import io.timberlog.testing.CountingToString;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class JulCaptureTest {
    private final List<Captured> captured = new ArrayList<>();
    private final JulCapture capture = new JulCapture(new EventSink() {
        @Override
        public boolean append(CapturedEvent event) {
            return captured.add(new Captured(event));
        }

        @Override
        public void dropNested() {
            throw new AssertionError("nothing here nests");
        }
    });
    private final Logger logger = Logger.getAnonymousLogger();

    @Test
    void anObjectParameter_isRenderedOnce_forTheArgumentAndTheMessage() {
        CountingToString order = new CountingToString();
        LogRecord record = record("order {0} for {1}", order, "ann");

        capture.capture(logger, record);

        assertEquals(1, order.calls());
        Captured event = captured.get(0);
        assertEquals("order {0} for {1}", event.template);
        assertEquals("order call#1 for ann", event.formatted);
        assertEquals(List.of("call#1", "ann"), event.texts);
        assertSame(order, record.getParameters()[0], "the application's record is left as it was");
    }

    @Test
    void aParameterWhoseToStringThrows_leavesTheMessageRaw_asJulPrintsIt() {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };

        capture.capture(logger, record("state {0}", broken));

        Captured event = captured.get(0);
        assertNull(event.formatted, "JUL's formatter prints the raw message, which is the template");
        assertEquals(ValueKind.FAILED_TO_STRING, event.kinds.get(0));
        assertEquals("[FAILED toString()]", event.texts.get(0));
    }

    @Test
    void aLocalizedMessage_isFormattedFromTheBundle_withTheRenderedText() {
        CountingToString user = new CountingToString();
        LogRecord record = record("greeting", user);
        record.setResourceBundle(new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"greeting", "hallo {0}"}};
            }
        });

        capture.capture(logger, record);

        assertEquals(1, user.calls());
        assertEquals("hallo call#1", captured.get(0).formatted);
    }

    @Test
    void numbersAndStrings_areKeptTyped_andFormattedByJul() {
        LogRecord record = record("took {0} ms at {1}", 12, "x");

        capture.capture(logger, record);

        Captured event = captured.get(0);
        assertEquals("took 12 ms at x", event.formatted);
        assertEquals(List.of(ValueKind.INTEGER, ValueKind.STRING), event.kinds);
    }

    private static LogRecord record(String message, Object... parameters) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setParameters(parameters);
        return record;
    }

    /** What the sink saw: the capture resets its event after each append. */
    private static final class Captured {
        final String template;
        final String formatted;
        final List<ValueKind> kinds = new ArrayList<>();
        final List<String> texts = new ArrayList<>();

        Captured(CapturedEvent event) {
            template = event.template();
            formatted = event.formattedMessage();
            for (int i = 0; i < event.argumentCount(); i++) {
                kinds.add(event.argumentKind(i));
                texts.add(event.argumentText(i));
            }
        }
    }
}
