package io.timberlog.core.internal.segment;


import static io.timberlog.core.internal.segment.BlockLayout.MAX_NUMBER_DIGITS;
import static io.timberlog.core.internal.segment.BlockLayout.NUMBER_MARK;

/** Splits a string argument into its shape and its numbers, and joins them again (see {@link BlockLayout}). */
final class NumberedStrings {
    private static final String LONG_MAX = Long.toString(Long.MAX_VALUE);

    private NumberedStrings() {
    }

    /** The shape of {@code text}, or {@code null} when it is to be stored as a plain string. */
    static String shapeOf(String text) {
        if (text.indexOf(NUMBER_MARK) >= 0) {
            return null;
        }
        StringBuilder shape = null;
        int n = text.length();
        int literalStart = 0;
        for (int i = 0; i < n; ) {
            int end = numberEnd(text, i);
            if (end < 0) {
                i = skipDigits(text, i);
                continue;
            }
            if (shape == null) {
                shape = new StringBuilder(n);
            }
            shape.append(text, literalStart, i).append(NUMBER_MARK);
            literalStart = end;
            i = end;
        }
        if (shape == null) {
            return null;
        }
        return shape.append(text, literalStart, n).toString();
    }

    /** Writes the numbers of {@code text} (whose shape {@link #shapeOf} gave) as varints. */
    static void writeNumbers(String text, ByteSink out) {
        for (int i = 0; i < text.length(); ) {
            int end = numberEnd(text, i);
            if (end < 0) {
                i = skipDigits(text, i);
                continue;
            }
            out.varint(Long.parseLong(text.substring(i, end)));
            i = end;
        }
    }

    /** Appends the string a shape stands for, taking one number per mark from {@code numbers}, from {@code at}. */
    static void appendJoined(StringBuilder sb, String shape, long[] numbers, int at) {
        int next = at;
        int literal = 0;
        for (int mark = shape.indexOf(NUMBER_MARK); mark >= 0; mark = shape.indexOf(NUMBER_MARK, literal)) {
            sb.append(shape, literal, mark).append(numbers[next++]); // runs of text copied whole, not char by char
            literal = mark + 1;
        }
        sb.append(shape, literal, shape.length());
    }

    /**
     * The end of the number starting at {@code i}, or -1 when no number starts there: a number starts
     * at a digit not preceded by a digit, has no leading zero (a lone 0 is a number) and at most
     * {@link BlockLayout#MAX_NUMBER_DIGITS} digits, and fits a long; any other digit run stays literal text.
     */
    private static int numberEnd(String text, int i) {
        if (!isDigit(text.charAt(i)) || i > 0 && isDigit(text.charAt(i - 1))) {
            return -1;
        }
        int end = skipDigits(text, i);
        int length = end - i;
        if (length > MAX_NUMBER_DIGITS || length > 1 && text.charAt(i) == '0'
                || length == MAX_NUMBER_DIGITS && text.substring(i, end).compareTo(LONG_MAX) > 0) {
            return -1;
        }
        return end;
    }

    private static int skipDigits(String text, int i) {
        int j = i;
        if (j < text.length() && !isDigit(text.charAt(j))) {
            return j + 1;
        }
        while (j < text.length() && isDigit(text.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
