package io.timberlog.core.internal.format;

import io.timberlog.core.Value;
import io.timberlog.core.ValueKind;

import java.util.List;

/**
 * Appends stored argument values to a message. Numbers and booleans go straight into the builder
 * (no temporary string); {@code StringBuilder.append} prints them exactly as their {@code toString()}
 * does, which is what both frameworks print for a boxed number or boolean.
 */
public final class ValueText {
    /** Room kept for a number, boolean or null: the longest, a double like {@code -2.2250738585072014E-308}, has 24 chars. */
    private static final int SCALAR_ROOM = 24;

    private ValueText() {
    }

    static void append(StringBuilder sb, Value value) {
        append(sb, value.kind(), value.rawBits(), value.text());
    }

    /** Appends a value given by its parts ({@link Value#rawBits()}, {@link Value#text()}). */
    public static void append(StringBuilder sb, ValueKind kind, long bits, String text) {
        switch (kind) {
            case NULL:
                sb.append("null");
                break;
            case BOOLEAN:
                sb.append(bits != 0);
                break;
            case INTEGER:
                sb.append(bits);
                break;
            case FLOAT:
                sb.append(Float.intBitsToFloat((int) bits));
                break;
            case DOUBLE:
                sb.append(Double.longBitsToDouble(bits));
                break;
            default:
                sb.append(text);
                break;
        }
    }

    /** A capacity that holds the template and every argument, so the builder never grows. */
    static int capacity(String template, List<Value> arguments) {
        long room = template.length();
        for (int i = 0, n = arguments.size(); i < n; i++) {
            Value v = arguments.get(i);
            boolean text = v.kind() == ValueKind.STRING || v.kind() == ValueKind.FAILED_TO_STRING;
            room += text ? v.text().length() : SCALAR_ROOM;
        }
        return (int) Math.min(room, Integer.MAX_VALUE - 16);
    }
}
