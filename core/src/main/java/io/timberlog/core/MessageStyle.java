package io.timberlog.core;

/**
 * How a message template and its arguments combine into the formatted message. Each framework has
 * its own rules for placeholders, escapes and the rendering of arguments (arrays, maps, dates,
 * failing {@code toString()}); the store keeps the style so that the formatted message can be
 * reproduced byte for byte as the framework produced it. The ordinal is written to disk.
 */
public enum MessageStyle {
    /** The template is the message; arguments, if any, are not substituted. */
    LITERAL,
    /** SLF4J's {@code MessageFormatter}, as used by logback: {@code {}} placeholders, {@code \{}} escapes. */
    SLF4J,
    /** log4j2's {@code ParameterizedMessage}: {@code {}} placeholders with log4j2's escape and rendering rules. */
    LOG4J2;

    private static final MessageStyle[] BY_CODE = values();

    public int code() {
        return ordinal();
    }

    /** The style stored as {@code code}, or {@code null} when none has that code. */
    public static MessageStyle ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
