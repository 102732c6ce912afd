package io.timberlog.core.internal.format;

import io.timberlog.core.Value;

import java.util.List;

/**
 * The arguments of one message as the formatters read them: how many there are, and each one's text
 * appended to a builder. Events read back hold them as {@link Value}s ({@link #of}); a segment block
 * being scanned holds them in arrays, so it can format a message without making an object per value.
 */
public interface MessageArguments {
    int size();

    /** Appends the text of argument {@code index}, as both frameworks print it. */
    void appendTo(StringBuilder sb, int index);

    /** The arguments of a list of values. */
    static MessageArguments of(List<Value> values) {
        return new MessageArguments() {
            @Override
            public int size() {
                return values.size();
            }

            @Override
            public void appendTo(StringBuilder sb, int index) {
                ValueText.append(sb, values.get(index));
            }
        };
    }
}
