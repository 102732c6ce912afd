package io.timberlog.core.internal.format;

import io.timberlog.core.ThrowableInfo;

/**
 * The text of a printed stack trace. The JDK's {@code printStackTrace()}, log4j2's {@code %ex}
 * (2.24 and later) and logback's {@code %ex} lay it out alike:
 * <pre>
 * java.lang.IllegalStateException: outer
 * 	at a.B.c(B.java:1)
 * 	Suppressed: java.io.IOException: closing
 * 		at a.B.d(B.java:2)
 * 		... 1 more
 * Caused by: java.lang.RuntimeException
 * 	at a.B.e(B.java:3)
 * 	... 1 more
 * Caused by: [CIRCULAR REFERENCE: java.lang.IllegalStateException: outer]
 * </pre>
 * A suppressed exception is indented one tab further than the exception that suppressed it, a cause as
 * far as the exception it caused, and each exception's first line is its {@code toString()}. They
 * differ in two places only: how omitted common frames are counted out, and the text of a circular
 * reference.
 */
enum StackTraceLayout {
    /** The JDK's {@code printStackTrace()}, which log4j2 copies. */
    JDK(" more") {
        @Override
        void appendCircular(StringBuilder sb, ThrowableInfo t) {
            sb.append(t.toStringText());
        }
    },
    /** logback's {@code ThrowableProxyConverter}. */
    LOGBACK(" common frames omitted") {
        /** logback keeps no {@code toString()} for a circular reference: it joins class and message, even a null one. */
        @Override
        void appendCircular(StringBuilder sb, ThrowableInfo t) {
            sb.append(t.className()).append(": ").append(t.message());
        }
    };

    private final String omittedSuffix;

    StackTraceLayout(String omittedSuffix) {
        this.omittedSuffix = omittedSuffix;
    }

    abstract void appendCircular(StringBuilder sb, ThrowableInfo t);

    void append(StringBuilder sb, ThrowableInfo throwable, String lineSeparator) {
        append(sb, throwable, 0, "", lineSeparator);
    }

    /** Prints {@code first} and its chain of causes at {@code depth}, recursing only into suppressed exceptions. */
    private void append(StringBuilder sb, ThrowableInfo first, int depth, String caption, String ls) {
        String currentCaption = caption;
        for (ThrowableInfo t = first; t != null; t = t.cause()) {
            indent(sb, depth).append(currentCaption);
            currentCaption = "Caused by: ";
            if (t.isCircularReference()) {
                sb.append("[CIRCULAR REFERENCE: ");
                appendCircular(sb, t);
                sb.append(']').append(ls);
                return;
            }
            sb.append(t.toStringText()).append(ls);
            for (String frame : t.frames()) {
                indent(sb, depth).append("\tat ").append(frame).append(ls);
            }
            if (t.commonFramesOmitted() > 0) {
                indent(sb, depth).append("\t... ").append(t.commonFramesOmitted()).append(omittedSuffix).append(ls);
            }
            for (ThrowableInfo s : t.suppressed()) {
                append(sb, s, depth + 1, "Suppressed: ", ls);
            }
        }
    }

    private static StringBuilder indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append('\t');
        }
        return sb;
    }
}
