package io.timberlog.core;

/**
 * Severity of an event, in increasing order. The ordinal is written to disk (see FORMAT.md), so the
 * order of the constants must never change. Frameworks with other scales map onto this one:
 * java.util.logging FINEST/FINER to TRACE, FINE to DEBUG, CONFIG/INFO to INFO, WARNING to WARN,
 * SEVERE to ERROR; log4j2 FATAL to FATAL.
 */
public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    private static final Level[] BY_CODE = values();

    /** The byte that stands for this level on disk. */
    public int code() {
        return ordinal();
    }

    /** The level stored as {@code code}, or {@code null} when no level has that code. */
    public static Level ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** True when this level is at least as severe as {@code other}. */
    public boolean isAtLeast(Level other) {
        return ordinal() >= other.ordinal();
    }

    /**
     * Parses a level name case-insensitively, also accepting the common aliases WARNING, SEVERE,
     * FINE, FINER, FINEST and CONFIG; returns {@code null} for an unknown name.
     */
    public static Level parse(String name) {
        if (name == null) {
            return null;
        }
        switch (name.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE": case "FINEST": case "FINER": case "ALL":
                return TRACE;
            case "DEBUG": case "FINE":
                return DEBUG;
            case "INFO": case "CONFIG":
                return INFO;
            case "WARN": case "WARNING":
                return WARN;
            case "ERROR": case "SEVERE":
                return ERROR;
            case "FATAL":
                return FATAL;
            default:
                return null;
        }
    }
}
