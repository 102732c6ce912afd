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
        String t = s;
        if (t.length() > max) {
            return truncateStart ? t.substring(t.length() - max) : t.substring(0, max);
        }
        if (t.length() >= min) {
            return t;
        }
        StringBuilder sb = new StringBuilder(min);
        if (leftJustify) {
            sb.append(t);
        }
        for (int i = t.length(); i < min; i++) {
            sb.append(' ');
        }
        if (!leftJustify) {
            sb.append(t);
        }
        return sb.toString();
    }
}
