package io.timberlog.core.internal.format;

import io.timberlog.core.MessageStyle;
import io.timberlog.core.ThrowableInfo;

/**
 * Prints a stored exception byte for byte as the framework that captured it prints it: logback's
 * {@code %ex} for SLF4J-style events, log4j2's {@code %ex} for LOG4J2-style ones, and the JDK's
 * {@code printStackTrace()} for literal ones. Lines end with this JVM's line separator, which is what
 * all three use.
 */
public final class ThrowableRenderer {
    private ThrowableRenderer() {
    }

    public static String render(ThrowableInfo throwable, MessageStyle style) {
        StringBuilder sb = new StringBuilder(capacity(throwable));
        String lineSeparator = System.lineSeparator();
        // log4j2 prints the JDK's layout; where its output differs, the difference is in the ThrowableInfo
        // it captured (see ThrowableInfo.from(Throwable, MessageStyle))
        StackTraceLayout layout = style == MessageStyle.SLF4J ? StackTraceLayout.LOGBACK : StackTraceLayout.JDK;
        layout.append(sb, throwable, lineSeparator);
        return sb.toString();
    }

    /** Room for every line, with some to spare for indentation and captions. */
    private static int capacity(ThrowableInfo t) {
        long room = 64 + t.toStringText().length();
        for (String frame : t.frames()) {
            room += frame.length() + 8;
        }
        for (ThrowableInfo s : t.suppressed()) {
            room += capacity(s);
        }
        if (t.cause() != null) {
            room += capacity(t.cause());
        }
        return (int) Math.min(room, 1 << 24);
    }
}
