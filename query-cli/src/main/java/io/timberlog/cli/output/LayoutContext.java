package io.timberlog.cli.output;

import java.time.ZoneId;

/**
 * What a layout needs besides the pattern: the time zone for dates, colors, the line separator, and
 * whether lines that log data starts are indented ({@link ContinuationLines}). Immutable.
 */
public final class LayoutContext {
    private final ZoneId zone;
    private final Ansi ansi;
    private final String lineSeparator;
    private final boolean indentContinuationLines;

    public LayoutContext(ZoneId zone, Ansi ansi, String lineSeparator, boolean indentContinuationLines) {
        this.zone = zone;
        this.ansi = ansi;
        this.lineSeparator = lineSeparator;
        this.indentContinuationLines = indentContinuationLines;
    }

    public ZoneId zone() {
        return zone;
    }

    public Ansi ansi() {
        return ansi;
    }

    public String lineSeparator() {
        return lineSeparator;
    }

    /** True for the text format: a newline in a message or an exception's message starts an indented line. */
    public boolean indentContinuationLines() {
        return indentContinuationLines;
    }
}
