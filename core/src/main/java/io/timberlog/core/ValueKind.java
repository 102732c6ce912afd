package io.timberlog.core;

/**
 * The type under which an argument or key-value value is stored. Integers, floating point numbers
 * and booleans keep their type so that queries can compare them as numbers; everything else is kept
 * as the text the framework would have rendered.
 */
public enum ValueKind {
    /** A {@code null} reference. */
    NULL,
    BOOLEAN,
    /** byte, short, int or long. */
    INTEGER,
    FLOAT,
    DOUBLE,
    /** Any other object, kept as the text the framework renders for it (its string form). */
    STRING,
    /**
     * An object whose {@code toString()} threw: the text is what the framework prints in its place
     * (for SLF4J {@code [FAILED toString()]}), so the formatted message is still reproduced exactly.
     */
    FAILED_TO_STRING
}
