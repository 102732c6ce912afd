package io.timberlog.cli.output;

/**
 * Keeps each event's first line the only line of the text output that starts at column 0 with text
 * from the log. A message built from user input, or an exception's message, may hold newlines
 * ({@code "login failed for " + name}, name being {@code "x\n2026-01-01 12:00:00.000 ERROR ..."}): logback
 * prints them as they are, so that the rest reads as another event. The text format indents every line
 * that such a newline starts with a tab, as it indents a stack trace's frames; {@code --pattern} prints
 * what logback prints, and JSON and logfmt escape newlines.
 */
final class ContinuationLines {
    private static final char INDENT = '\t';

    private ContinuationLines() {
    }

    /**
     * Indents, in place, every line that a newline of {@code sb} from {@code from} on starts; a newline
     * that ends {@code sb} starts none (a message that ends with one gets no line of a lone tab).
     */
    static void indent(StringBuilder sb, int from) {
        for (int i = sb.indexOf("\n", from); i >= 0 && i + 1 < sb.length(); i = sb.indexOf("\n", i + 2)) {
            sb.insert(i + 1, INDENT);
        }
    }

    static String indent(String text) {
        if (text.indexOf('\n') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        indent(sb, 0);
        return sb.toString();
    }

    /**
     * Indents the lines of a printed stack trace that are not its own: its own lines are the first, the
     * indented ones (frames, suppressed exceptions), and those of the causes ({@code Caused by: }, for
     * {@code %rEx} {@code Wrapped by: }); any other line is part of an exception's message.
     */
    static String indentStackTrace(String text) {
        int newline = text.indexOf('\n');
        if (newline < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int start = 0;
        for (; newline >= 0; newline = text.indexOf('\n', start)) {
            sb.append(text, start, newline + 1);
            start = newline + 1;
            if (start < text.length() && text.charAt(start) != INDENT && !text.startsWith("Caused by: ", start)
                    && !text.startsWith("Wrapped by: ", start)) {
                sb.append(INDENT);
            }
        }
        return sb.append(text, start, text.length()).toString();
    }
}
