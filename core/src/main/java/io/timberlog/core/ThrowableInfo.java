package io.timberlog.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An exception as it was when the event was logged: class name, message, stack frames, cause and
 * suppressed exceptions, without a reference to the live object (which may be mutable, huge, or
 * belong to a class loader that must be allowed to unload). Immutable and thread-safe.
 *
 * <p>Each frame is the text after {@code "\tat "} in a printed stack trace, that is
 * {@link StackTraceElement#toString()} (plus, for logback with packaging data, the packaging suffix).
 * {@code commonFramesOmitted} counts the frames at the bottom of this trace that are the same as the
 * enclosing trace's and were therefore left out of {@code frames}, as logback and the JDK do.
 */
public final class ThrowableInfo {
    private final String className;
    private final String message;
    /** What the exception's {@code toString()} returned, or {@code null} when that was the JDK's default text. */
    private final String toStringOverride;
    private final List<String> frames;
    private final int commonFramesOmitted;
    private final ThrowableInfo cause;
    private final List<ThrowableInfo> suppressed;
    private final boolean circular;

    ThrowableInfo(String className, String message, String toStringText, List<String> frames, int commonFramesOmitted,
                  ThrowableInfo cause, List<ThrowableInfo> suppressed, boolean circular) {
        this.className = Objects.requireNonNull(className, "className");
        this.message = message;
        this.toStringOverride = toStringText == null || toStringText.equals(defaultText(className, message))
                ? null : toStringText;
        this.frames = frames;
        this.commonFramesOmitted = commonFramesOmitted;
        this.cause = cause;
        this.suppressed = suppressed;
        this.circular = circular;
    }

    /**
     * Creates an exception description whose {@code toString()} was the JDK's default.
     *
     * @param commonFramesOmitted how many frames at the bottom were left out as common with the
     *                            enclosing trace (0 for the outermost exception)
     */
    public static ThrowableInfo of(String className, String message, List<String> frames, int commonFramesOmitted,
                                   ThrowableInfo cause, List<ThrowableInfo> suppressed) {
        return of(className, message, null, frames, commonFramesOmitted, cause, suppressed);
    }

    /**
     * Creates an exception description.
     *
     * @param toStringText        what the exception's {@code toString()} returned, which the frameworks
     *                            print as its first line; {@code null} for the JDK's default
     *                            ({@code className: message}, or {@code className} without a message)
     * @param commonFramesOmitted how many frames at the bottom were left out as common with the
     *                            enclosing trace (0 for the outermost exception, except in log4j2's view
     *                            of one that a cause or suppressed exception refers back to, see
     *                            {@link #from(Throwable, MessageStyle)})
     */
    public static ThrowableInfo of(String className, String message, String toStringText, List<String> frames,
                                   int commonFramesOmitted, ThrowableInfo cause, List<ThrowableInfo> suppressed) {
        if (commonFramesOmitted < 0) {
            throw new IllegalArgumentException("commonFramesOmitted must not be negative: " + commonFramesOmitted);
        }
        return new ThrowableInfo(className, message, toStringText, immutable(frames), commonFramesOmitted, cause,
                immutable(suppressed), false);
    }

    /**
     * A reference back to an exception already present higher up in the same chain, which the frameworks
     * print as {@code [CIRCULAR REFERENCE: ...]} instead of recursing forever.
     */
    public static ThrowableInfo circularReference(String className, String message) {
        return circularReference(className, message, null);
    }

    /** As {@link #circularReference(String, String)}, for an exception whose {@code toString()} is its own. */
    public static ThrowableInfo circularReference(String className, String message, String toStringText) {
        return new ThrowableInfo(className, message, toStringText, List.of(), 0, null, List.of(), true);
    }

    /**
     * Describes a live throwable the way the JDK's {@code printStackTrace} sees it; the same as
     * {@code from(throwable, MessageStyle.LITERAL)}.
     */
    public static ThrowableInfo from(Throwable throwable) {
        return from(throwable, MessageStyle.LITERAL);
    }

    /**
     * Describes a live throwable the way the framework of {@code style} sees it, to be printed with the
     * same style: frames shared with the enclosing trace are counted as omitted, causes and suppressed
     * exceptions are followed, and an exception met a second time becomes a circular reference. Appenders
     * pass the style they give {@link CapturedEvent#message}. Nesting is followed only one level deeper than
     * a stored event keeps (64 levels), and at that level only the root cause is described: a chain of any
     * length costs no more stack than that, and the store cuts it with the root cause last, flagged truncated.
     *
     * <p>The frameworks agree on all of this except for an exception reachable twice (a cycle, or a
     * cause that is also suppressed somewhere): the JDK and log4j2 expand it where they print it first
     * (suppressed exceptions before the cause), logback where it builds it first (the cause before the
     * suppressed exceptions); and log4j2 2.26 counts the outermost exception's common frames against the
     * exception that refers back to it. Never throws, even for a throwable whose methods throw.
     */
    public static ThrowableInfo from(Throwable throwable, MessageStyle style) {
        Objects.requireNonNull(throwable, "throwable");
        return ThrowableCapture.capture(throwable, style == null ? MessageStyle.LITERAL : style);
    }

    private static String defaultText(String className, String message) {
        return message == null ? className : className + ": " + message;
    }

    private static <T> List<T> immutable(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        for (T element : list) {
            Objects.requireNonNull(element, "list element");
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Fully qualified class name of the exception. */
    public String className() {
        return className;
    }

    /** The exception's message ({@code getMessage()}), or {@code null} when it had none. */
    public String message() {
        return message;
    }

    /**
     * What the exception's {@code toString()} returned, the first line the JDK, log4j2 and logback print
     * for it: {@code className: message} (or {@code className} when there is no message) unless the
     * exception class overrides {@code toString()} or {@code getLocalizedMessage()}.
     */
    /** What the exception's {@code toString()} returned when it was not the JDK's default text, else {@code null}. */
    public String toStringOverride() {
        return toStringOverride;
    }

    public String toStringText() {
        return toStringOverride != null ? toStringOverride : defaultText(className, message);
    }

    public List<String> frames() {
        return frames;
    }

    public int commonFramesOmitted() {
        return commonFramesOmitted;
    }

    /** The cause, or {@code null}. */
    public ThrowableInfo cause() {
        return cause;
    }

    public List<ThrowableInfo> suppressed() {
        return suppressed;
    }

    /** True when this entry only points back at an exception printed earlier in the same chain. */
    public boolean isCircularReference() {
        return circular;
    }

    /** True when this exception or any cause or suppressed exception has the given class name. */
    public boolean hasClassInChain(String name) {
        if (className.equals(name)) {
            return true;
        }
        if (cause != null && cause.hasClassInChain(name)) {
            return true;
        }
        for (ThrowableInfo s : suppressed) {
            if (s.hasClassInChain(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ThrowableInfo)) {
            return false;
        }
        ThrowableInfo other = (ThrowableInfo) o;
        return commonFramesOmitted == other.commonFramesOmitted && circular == other.circular
                && className.equals(other.className) && Objects.equals(message, other.message)
                && Objects.equals(toStringOverride, other.toStringOverride)
                && frames.equals(other.frames) && Objects.equals(cause, other.cause)
                && suppressed.equals(other.suppressed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, message, toStringOverride, frames, commonFramesOmitted, cause, suppressed,
                circular);
    }

    /** The same as {@link #toStringText()}. */
    @Override
    public String toString() {
        return toStringText();
    }
}
