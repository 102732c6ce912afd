package io.timberlog.testing;

/** An argument whose text changes with every call of its {@code toString()}, which it counts. */
public final class CountingToString {
    private int calls;

    public int calls() {
        return calls;
    }

    @Override
    public String toString() {
        return "call#" + (++calls);
    }
}
