package io.timberlog.core.internal.wal;

import io.timberlog.core.Level;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import io.timberlog.core.internal.format.MessageFormatter;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields at the front of an event record, up to and including its message (level, time, logger,
 * thread, template, arguments), decoded by {@link EventDecoder#decodeHead} without the rest (MDC,
 * markers, key-value pairs, exception, caller), so that a reader can reject an event before paying
 * for a full decode. One instance is reused record after record. Not thread-safe.
 */
public final class EventHead {
    Level level;
    MessageStyle style;
    int flags;
    long sequence;
    long epochNanos;
    String logger;
    String thread;
    String template;
    final List<Value> arguments = new ArrayList<>();
    String storedMessage;
    private String message;

    void reset() {
        arguments.clear();
        storedMessage = null;
        message = null;
    }

    public String logger() {
        return logger;
    }

    public String thread() {
        return thread;
    }

    public String template() {
        return template;
    }

    /** The arguments, valid until the next record is decoded into this head. */
    public List<Value> arguments() {
        return arguments;
    }

    /** The formatted message, as {@link io.timberlog.core.LogEvent#message()} gives it. */
    public String message() {
        String m = message;
        if (m == null) {
            m = storedMessage != null ? storedMessage : MessageFormatter.format(style, template, arguments);
            message = m;
        }
        return m;
    }
}
