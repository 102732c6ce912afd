package io.timberlog.core.internal.format;

/**
 * A finite automaton that reads a message piece by piece (its template's text, then an argument,
 * then more text), so that a message can be tested without being formatted. States are ints;
 * {@link #UNSURE} means the piece could not be read exactly on its own, and the caller tests the
 * formatted message instead.
 */
public interface TextAutomaton {
    int UNSURE = -1;

    /** The state after reading {@code text[from, to)} from {@code state}, or {@link #UNSURE}. */
    int read(int state, String text, int from, int to);

    /** The state after reading {@code value} as {@code Long.toString} writes it. */
    int readNumber(int state, long value);
}
