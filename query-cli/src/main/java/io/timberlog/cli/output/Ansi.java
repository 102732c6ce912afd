package io.timberlog.cli.output;

import io.timberlog.core.Level;

/** ANSI colors, or nothing when colors are off. Immutable. */
public final class Ansi {
    public static final Ansi OFF = new Ansi(false);
    public static final Ansi ON = new Ansi(true);

    public static final String RESET = "\u001b[0m";
    public static final String RED = "\u001b[31m";
    public static final String GREEN = "\u001b[32m";
    public static final String YELLOW = "\u001b[33m";
    public static final String BLUE = "\u001b[34m";
    public static final String MAGENTA = "\u001b[35m";
    public static final String CYAN = "\u001b[36m";
    public static final String WHITE = "\u001b[37m";
    public static final String BLACK = "\u001b[30m";
    public static final String GRAY = "\u001b[90m";
    public static final String BOLD_RED = "\u001b[1;31m";

    private final boolean enabled;

    private Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Starts {@code code} (when colors are on and there is one). */
    public void start(StringBuilder sb, String code) {
        if (enabled && code != null) {
            sb.append(code);
        }
    }

    /** Ends what {@link #start} started with the same {@code code}. */
    public void end(StringBuilder sb, String code) {
        if (enabled && code != null) {
            sb.append(RESET);
        }
    }

    /** The color a level is shown in, as logback's {@code %highlight} picks it; {@code null} for none. */
    public static String levelColor(Level level) {
        switch (level) {
            case FATAL:
            case ERROR:
                return BOLD_RED;
            case WARN:
                return RED;
            case INFO:
                return BLUE;
            default:
                return null;
        }
    }
}
