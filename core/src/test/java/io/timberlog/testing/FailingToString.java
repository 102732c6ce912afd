package io.timberlog.testing;

/** A value whose toString() fails, which the frameworks print as a placeholder in its place. */
public final class FailingToString {
    @Override
    public String toString() {
        throw new IllegalStateException("no text for you");
    }
}
