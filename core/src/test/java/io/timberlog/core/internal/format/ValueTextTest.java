package io.timberlog.core.internal.format;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Typed values print as both frameworks print the boxed objects they came from. */
class ValueTextTest {
    private static final Object[] SCALARS = {
        null, true, false, 0, -1, Integer.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, (short) -7, (byte) 127,
        0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, 1e-10f, 1.0E7f, Float.MIN_VALUE, 3.4028235E38f,
        0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 1e-10, 0.1 + 0.2, 1.0E7, 9999999.0, Double.MIN_VALUE,
        -2.2250738585072014E-308,
    };

    @Test
    void text_ofNumbersBooleansAndNull_matchesBothFrameworks() {
        for (Object scalar : SCALARS) {
            Value value = StoreRoundTrip.arguments(StoreRoundTrip.capture(MessageStyle.SLF4J, "{}", scalar)).get(0);
            String slf4j = org.slf4j.helpers.MessageFormatter.arrayFormat("{}", new Object[] {scalar}).getMessage();
            String log4j = new ParameterizedMessage("{}", scalar).getFormattedMessage();
            assertEquals(slf4j, value.text(), () -> "slf4j " + scalar);
            assertEquals(log4j, value.text(), () -> "log4j " + scalar);
            assertEquals(value.text(), MessageFormatter.format(MessageStyle.SLF4J, "{}", List.of(value)));
            assertEquals(value.text(), MessageFormatter.format(MessageStyle.LOG4J2, "{}", List.of(value)));
        }
    }

    @Test
    void format_argumentsAddedAsPrimitives_printAsBoxedOnes() {
        CapturedEvent event = new CapturedEvent().message("{} {} {} {}", MessageStyle.SLF4J)
                .addArgument(1.5f).addArgument(2.5).addArgument(3L).addArgument(true);
        String slf4j = org.slf4j.helpers.MessageFormatter
                .arrayFormat("{} {} {} {}", new Object[] {1.5f, 2.5, 3L, true}).getMessage();
        assertEquals(slf4j, MessageFormatter.format(MessageStyle.SLF4J, event.template(),
                StoreRoundTrip.arguments(event)));
    }
}
