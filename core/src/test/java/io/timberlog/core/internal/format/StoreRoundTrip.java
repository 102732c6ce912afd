package io.timberlog.core.internal.format;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;

import java.util.ArrayList;
import java.util.List;

/** Takes a message through the store's path: captured as an appender would, then formatted at read time. */
final class StoreRoundTrip {
    private StoreRoundTrip() {
    }

    static CapturedEvent capture(MessageStyle style, String template, Object... args) {
        CapturedEvent event = new CapturedEvent().message(template, style);
        for (Object arg : args) {
            event.addArgument(arg);
        }
        return event;
    }

    /** The arguments as the reader gets them back: kind, bits and text turned into values. */
    static List<Value> arguments(CapturedEvent event) {
        List<Value> values = new ArrayList<>(event.argumentCount());
        for (int i = 0; i < event.argumentCount(); i++) {
            values.add(Value.ofRaw(event.argumentKind(i), event.argumentBits(i), event.argumentText(i)));
        }
        return values;
    }

    static String format(MessageStyle style, String template, Object... args) {
        CapturedEvent event = capture(style, template, args);
        return MessageFormatter.format(event.style(), event.template(), arguments(event));
    }
}
