package io.timberlog.core;

import java.util.Objects;

/**
 * One typed value read back from the store: an argument of a message, or the value of a key-value
 * pair. Immutable and thread-safe.
 */
public final class Value {
    private static final Value NULL = new Value(ValueKind.NULL, 0, null);
    private static final Value TRUE = new Value(ValueKind.BOOLEAN, 1, null);
    private static final Value FALSE = new Value(ValueKind.BOOLEAN, 0, null);

    private final ValueKind kind;
    /** The integer, the raw bits of the float or double, or 0/1 for a boolean. */
    private final long bits;
    /** The text of STRING and FAILED_TO_STRING values; {@code null} for the others. */
    private final String text;

    private Value(ValueKind kind, long bits, String text) {
        this.kind = kind;
        this.bits = bits;
        this.text = text;
    }

    public static Value ofNull() {
        return NULL;
    }

    public static Value of(boolean value) {
        return value ? TRUE : FALSE;
    }

    public static Value of(long value) {
        return new Value(ValueKind.INTEGER, value, null);
    }

    public static Value of(float value) {
        return new Value(ValueKind.FLOAT, Float.floatToRawIntBits(value), null);
    }

    public static Value of(double value) {
        return new Value(ValueKind.DOUBLE, Double.doubleToRawLongBits(value), null);
    }

    public static Value of(String text) {
        return text == null ? NULL : new Value(ValueKind.STRING, 0, text);
    }

    /** A value whose {@code toString()} failed; {@code placeholder} is what the framework printed instead. */
    public static Value failedToString(String placeholder) {
        return new Value(ValueKind.FAILED_TO_STRING, 0, Objects.requireNonNull(placeholder, "placeholder"));
    }

    /** Rebuilds a value from its kind, raw bits and text, as stored. */
    public static Value ofRaw(ValueKind kind, long bits, String text) {
        switch (kind) {
            case NULL: return NULL;
            case BOOLEAN: return bits != 0 ? TRUE : FALSE;
            case INTEGER: return of(bits);
            case FLOAT: return of(Float.intBitsToFloat((int) bits));
            case DOUBLE: return of(Double.longBitsToDouble(bits));
            case STRING: return of(Objects.requireNonNull(text, "text"));
            case FAILED_TO_STRING: return failedToString(text);
            default: throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    public ValueKind kind() {
        return kind;
    }

    public boolean isNumber() {
        return kind == ValueKind.INTEGER || kind == ValueKind.FLOAT || kind == ValueKind.DOUBLE;
    }

    /** The value as a long: integers exactly, floating point numbers truncated, booleans as 0/1. */
    public long asLong() {
        switch (kind) {
            case FLOAT: return (long) Float.intBitsToFloat((int) bits);
            case DOUBLE: return (long) Double.longBitsToDouble(bits);
            default: return bits;
        }
    }

    /** The value as a double; for STRING values that parse as a number, that number, otherwise NaN. */
    public double asDouble() {
        switch (kind) {
            case INTEGER: return bits;
            case FLOAT: return Float.intBitsToFloat((int) bits);
            case DOUBLE: return Double.longBitsToDouble(bits);
            case BOOLEAN: return bits;
            case STRING:
                try {
                    return Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            default: return Double.NaN;
        }
    }

    public boolean asBoolean() {
        return kind == ValueKind.BOOLEAN ? bits != 0 : Boolean.parseBoolean(text);
    }

    /** The raw bits as stored (see {@link #ofRaw}). */
    public long rawBits() {
        return bits;
    }

    /**
     * The text of the value as Java's {@code String.valueOf} would render it: {@code null}, {@code true},
     * {@code 42}, {@code 1.5}, or the stored text. Framework-specific renderings of arrays, maps and
     * failed {@code toString()} calls were already applied when the value was captured.
     */
    public String text() {
        switch (kind) {
            case NULL: return "null";
            case BOOLEAN: return bits != 0 ? "true" : "false";
            case INTEGER: return Long.toString(bits);
            case FLOAT: return Float.toString(Float.intBitsToFloat((int) bits));
            case DOUBLE: return Double.toString(Double.longBitsToDouble(bits));
            default: return text;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Value)) {
            return false;
        }
        Value other = (Value) o;
        return kind == other.kind && bits == other.bits && Objects.equals(text, other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, bits, text);
    }

    @Override
    public String toString() {
        return kind + ":" + text();
    }
}
