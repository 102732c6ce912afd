package io.timberlog.cli.output;

/**
 * A logback format modifier such as {@code -5} or {@code 10.-20}: a minimum width filled with spaces
 * (on the left, or on the right when left-justified with {@code -}), and a maximum width that
 * truncates from the beginning, or from the end when written {@code .-N}. Immutable.
 */
final class FormatInfo {
    static final FormatInfo NONE = new FormatInfo(0, Integer.MAX_VALUE, false, true);

    private final int min;
    private final int max;
    private final boolean leftJustify;
    private final boolean truncateStart;

    FormatInfo(int min, int max, boolean leftJustify, boolean truncateStart) {
        this.min = min;
        this.max = max;
        this.leftJustify = leftJustify;
        this.truncateStart = truncateStart;
    }

    boolean isNone() {
        return min == 0 && max == Integer.MAX_VALUE;
    }

    /** {@code s} cut to the maximum width and padded to the minimum. */
    String apply(String s) {
        int padding = padding(s);
        String t = cut(s);
        if (padding == 0) {
            return t;
        }
        StringBuilder sb = new StringBuilder(min);
        appendPadded(sb, t, padding);
        return sb.toString();
    }

    /** {@code s} cut to the maximum width: {@code s} itself when it fits. */
    String cut(String s) {
        if (s.length() <= max) {
            return s;
        }
        return truncateStart ? s.substring(s.length() - max) : s.substring(0, max);
    }

    /** The spaces that pad {@code s} to the minimum width; none when it is cut (as logback, either one or the other). */
    int padding(String s) {
        return s.length() > max ? 0 : Math.max(0, min - s.length());
    }

    /** Appends {@code s} (already cut) with {@code padding} spaces on the side this modifier pads. */
    void appendPadded(StringBuilder sb, String s, int padding) {
        if (!leftJustify) {
            spaces(sb, padding);
        }
        sb.append(s);
        if (leftJustify) {
            spaces(sb, padding);
        }
    }

    /** True when padding goes after the value ({@code %-5level}). */
    boolean leftJustify() {
        return leftJustify;
    }

    static void spaces(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
    }
}
