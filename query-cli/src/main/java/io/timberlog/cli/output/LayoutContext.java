package io.timberlog.cli.output;

import java.time.ZoneId;

/** What a layout needs besides the pattern: the time zone for dates, colors, the line separator. Immutable. */
public final class LayoutContext {
    private final ZoneId zone;
    private final Ansi ansi;
    private final String lineSeparator;

    public LayoutContext(ZoneId zone, Ansi ansi, String lineSeparator) {
        this.zone = zone;
        this.ansi = ansi;
        this.lineSeparator = lineSeparator;
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
}
