package io.timberlog.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
    private final List<String> frames;
    private final int commonFramesOmitted;
    private final ThrowableInfo cause;
    private final List<ThrowableInfo> suppressed;
    private final boolean circular;

    private ThrowableInfo(String className, String message, List<String> frames, int commonFramesOmitted,
                          ThrowableInfo cause, List<ThrowableInfo> suppressed, boolean circular) {
        this.className = Objects.requireNonNull(className, "className");
        this.message = message;
        this.frames = frames;
        this.commonFramesOmitted = commonFramesOmitted;
        this.cause = cause;
        this.suppressed = suppressed;
        this.circular = circular;
    }

    /**
     * Creates an exception description.
     *
     * @param commonFramesOmitted how many frames at the bottom were left out as common with the
     *                            enclosing trace (0 for the outermost exception)
     */
    public static ThrowableInfo of(String className, String message, List<String> frames, int commonFramesOmitted,
                                   ThrowableInfo cause, List<ThrowableInfo> suppressed) {
        if (commonFramesOmitted < 0) {
            throw new IllegalArgumentException("commonFramesOmitted must not be negative: " + commonFramesOmitted);
        }
        return new ThrowableInfo(className, message, immutable(frames), commonFramesOmitted, cause,
                immutable(suppressed), false);
    }

    /**
     * A reference back to an exception already present higher up in the same chain, which the frameworks
     * print as {@code [CIRCULAR REFERENCE: ...]} instead of recursing forever.
     */
    public static ThrowableInfo circularReference(String className, String message) {
        return new ThrowableInfo(className, message, List.of(), 0, null, List.of(), true);
    }

    /**
     * Describes a live throwable the way the JDK's {@code printStackTrace} sees it: frames shared with
     * the enclosing trace are counted as omitted, causes and suppressed exceptions are followed, and a
     * cycle ends in a circular reference. Never throws, even for a throwable whose methods throw.
     */
    public static ThrowableInfo from(Throwable throwable) {
        Objects.requireNonNull(throwable, "throwable");
        return describe(throwable, new StackTraceElement[0], Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static ThrowableInfo describe(Throwable t, StackTraceElement[] enclosing, Set<Throwable> seen) {
        String className = t.getClass().getName();
        String message = safeMessage(t);
        if (!seen.add(t)) {
            return circularReference(className, message);
        }
        StackTraceElement[] trace = safeTrace(t);
        int common = commonFrames(trace, enclosing);
        List<String> frames = new ArrayList<>(trace.length - common);
        for (int i = 0; i < trace.length - common; i++) {
            frames.add(String.valueOf(trace[i]));
        }
        List<ThrowableInfo> suppressed = new ArrayList<>();
        for (Throwable s : safeSuppressed(t)) {
            if (s != null) {
                suppressed.add(describe(s, trace, seen));
            }
        }
        Throwable causeThrowable = safeCause(t);
        ThrowableInfo cause = causeThrowable == null ? null : describe(causeThrowable, trace, seen);
        return new ThrowableInfo(className, message, Collections.unmodifiableList(frames), common, cause,
                Collections.unmodifiableList(suppressed), false);
    }

    /** Frames at the bottom of {@code trace} equal to the bottom of {@code enclosing}, as the JDK counts them. */
    private static int commonFrames(StackTraceElement[] trace, StackTraceElement[] enclosing) {
        int m = trace.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        return trace.length - 1 - m;
    }

    private static String safeMessage(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | LinkageError e) {
            return "[getMessage() threw " + e.getClass().getName() + "]";
        }
    }

    private static StackTraceElement[] safeTrace(Throwable t) {
        try {
            StackTraceElement[] trace = t.getStackTrace();
            return trace == null ? new StackTraceElement[0] : trace;
        } catch (RuntimeException | LinkageError e) {
            return new StackTraceElement[0];
        }
    }

    private static Throwable[] safeSuppressed(Throwable t) {
        try {
            return t.getSuppressed();
        } catch (RuntimeException | LinkageError e) {
            return new Throwable[0];
        }
    }

    private static Throwable safeCause(Throwable t) {
        try {
            return t.getCause();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
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

    /** The exception's message, or {@code null} when it had none. */
    public String message() {
        return message;
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
                && frames.equals(other.frames) && Objects.equals(cause, other.cause)
                && suppressed.equals(other.suppressed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, message, frames, commonFramesOmitted, cause, suppressed, circular);
    }

    @Override
    public String toString() {
        return message == null ? className : className + ": " + message;
    }
}
