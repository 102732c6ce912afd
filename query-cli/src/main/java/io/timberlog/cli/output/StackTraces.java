package io.timberlog.cli.output;

import io.timberlog.core.ThrowableInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A stack trace cut to a number of frames per exception, as logback's {@code %ex{N}} prints it: the
 * first N frames of each exception's whole stack (the frames it shares with the exception that
 * encloses it included), and no "common frames omitted" line unless all of them fit.
 */
final class StackTraces {
    private StackTraces() {
    }

    static String limit(ThrowableInfo throwable, int depth, String lineSeparator) {
        StringBuilder sb = new StringBuilder();
        append(sb, throwable, depth, 0, "", List.of(), lineSeparator);
        return sb.toString();
    }

    /** Prints {@code first} and its causes at {@code indent}; {@code enclosing} is the enclosing exception's whole stack. */
    private static void append(StringBuilder sb, ThrowableInfo first, int depth, int indent, String caption,
                               List<String> enclosing, String ls) {
        String currentCaption = caption;
        List<String> outer = enclosing;
        for (ThrowableInfo t = first; t != null; t = t.cause()) {
            indent(sb, indent).append(currentCaption);
            currentCaption = "Caused by: ";
            if (t.isCircularReference()) {
                circular(sb, t, ls);
                return;
            }
            sb.append(t.toStringText()).append(ls);
            List<String> whole = whole(t, outer);
            frames(sb, t, whole, depth, indent, ls);
            for (ThrowableInfo s : t.suppressed()) {
                append(sb, s, depth, indent + 1, "Suppressed: ", whole, ls);
            }
            outer = whole;
        }
    }

    /**
     * The stack trace root cause first, as logback's {@code %rEx} prints it: each exception after the one
     * it caused, as {@code Wrapped by: ...}; suppressed ones after the frames of the exception that
     * holds them. {@code depth} cuts each exception's whole stack as for {@link #limit}.
     */
    static String rootCauseFirst(ThrowableInfo throwable, int depth, String lineSeparator) {
        StringBuilder sb = new StringBuilder();
        appendRootCauseFirst(sb, throwable, depth, 0, null, List.of(), lineSeparator);
        return sb.toString();
    }

    private static void appendRootCauseFirst(StringBuilder sb, ThrowableInfo outermost, int depth, int indent,
                                             String caption, List<String> enclosing, String ls) {
        List<ThrowableInfo> chain = new ArrayList<>(); // outermost first
        List<List<String>> wholes = new ArrayList<>();
        List<String> outer = enclosing;
        for (ThrowableInfo t = outermost; t != null; t = t.isCircularReference() ? null : t.cause()) {
            List<String> whole = whole(t, outer);
            chain.add(t);
            wholes.add(whole);
            outer = whole;
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            ThrowableInfo t = chain.get(i);
            indent(sb, indent);
            if (i == chain.size() - 1 && caption != null) {
                sb.append(caption); // only the root cause of a suppressed one says so
            }
            if (i < chain.size() - 1) {
                sb.append("Wrapped by: ");
            }
            if (t.isCircularReference()) {
                circular(sb, t, ls);
                continue;
            }
            sb.append(t.toStringText()).append(ls);
            List<String> whole = wholes.get(i);
            frames(sb, t, whole, depth, indent, ls);
            for (ThrowableInfo s : t.suppressed()) {
                appendRootCauseFirst(sb, s, depth, indent + 1, "Suppressed: ", whole, ls);
            }
        }
    }

    /** {@code t}'s whole stack: its own frames, then those it shares with {@code enclosing}'s whole stack. */
    private static List<String> whole(ThrowableInfo t, List<String> enclosing) {
        List<String> whole = new ArrayList<>(t.frames());
        int common = Math.min(t.commonFramesOmitted(), enclosing.size());
        whole.addAll(enclosing.subList(enclosing.size() - common, enclosing.size()));
        return whole;
    }

    /**
     * The frame lines of {@code t}: its own frames and the "common frames omitted" line, or, when
     * {@code depth} is less than its whole stack, the first {@code depth} frames of that.
     */
    private static void frames(StringBuilder sb, ThrowableInfo t, List<String> whole, int depth, int indent,
                               String ls) {
        boolean unrestricted = depth > whole.size();
        int shown = unrestricted ? t.frames().size() : depth;
        for (int i = 0; i < shown; i++) {
            indent(sb, indent).append("\tat ").append(whole.get(i)).append(ls);
        }
        if (unrestricted && t.commonFramesOmitted() > 0) {
            indent(sb, indent).append("\t... ").append(t.commonFramesOmitted()).append(" common frames omitted")
                    .append(ls);
        }
    }

    private static void circular(StringBuilder sb, ThrowableInfo t, String ls) {
        sb.append("[CIRCULAR REFERENCE: ").append(t.className()).append(": ").append(t.message()).append(']').append(ls);
    }

    private static StringBuilder indent(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append('\t');
        }
        return sb;
    }
}
