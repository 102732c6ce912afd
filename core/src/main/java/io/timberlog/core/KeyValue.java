package io.timberlog.core;

import java.util.Objects;

/** One SLF4J 2 key-value pair of an event, with its typed value. Immutable. */
public final class KeyValue {
    private final String key;
    private final Value value;

    public KeyValue(String key, Value value) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
    }

    public String key() {
        return key;
    }

    public Value value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue && key.equals(((KeyValue) o).key) && value.equals(((KeyValue) o).value);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return key + "=" + value.text();
    }
}
