package io.timberlog.core;

import io.timberlog.core.internal.wal.EventLayout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a live throwable into a {@link ThrowableInfo} tree as one framework walks it. Each exception
 * is expanded once; where it is met again it becomes a circular reference. Which occurrence is
 * expanded, and so which enclosing trace its common frames are counted against, depends on the
 * order of the walk:
 * <ul>
 *   <li>the JDK's {@code printStackTrace} (and log4j2's renderer) walk suppressed exceptions before the cause;</li>
 *   <li>logback's {@code ThrowableProxy} takes the cause before the suppressed exceptions;</li>
 *   <li>log4j2 2.26 counts common frames in a first walk of its own that does not mark the outermost
 *       exception as seen: when a descendant refers back to it, the outermost exception's common frames
 *       are counted again, against that descendant's trace, and printed as {@code ... N more} at the top.</li>
 * </ul>
 * Every method of the throwable is called in a guard: one that throws is treated as returning nothing.
 *
 * <p>Nesting, by causes and suppressed exceptions alike, is described to {@link #DESCRIBED_DEPTH} only.
 */
final class ThrowableCapture {
    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];
    private static final Throwable[] NO_THROWABLES = new Throwable[0];
    /**
     * The deepest level described: one below the deepest a stored event keeps, so that the encoder
     * still sees that it cuts the exception, and flags the event truncated; at that level only the
     * root cause is described, which the encoder keeps in the last level. The walk is recursive: when
     * it followed a chain of any length, 100,000 causes (1,000 on a thread with a 256 KiB stack)
     * overflowed the logging thread's stack and the event was lost.
     */
    static final int DESCRIBED_DEPTH = EventLayout.MAX_THROWABLE_DEPTH;

    private final boolean causeFirst;
    /**
     * True when the framework prints a {@code toString()} that returns {@code null} as {@code "null"}, as
     * {@code String.valueOf} does (the JDK and log4j2); logback prints the class and message instead.
     */
    private final boolean printsNullText;
    /** log4j2's common frame counts, from its own walk; {@code null} to count against the enclosing trace. */
    private final Map<Throwable, Integer> fixedCommonFrames;
    private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private ThrowableCapture(boolean causeFirst, boolean printsNullText, Map<Throwable, Integer> fixedCommonFrames) {
        this.causeFirst = causeFirst;
        this.printsNullText = printsNullText;
        this.fixedCommonFrames = fixedCommonFrames;
    }

    static ThrowableInfo capture(Throwable throwable, MessageStyle style) {
        ThrowableCapture capture;
        if (style == MessageStyle.SLF4J) {
            capture = new ThrowableCapture(true, false, null);
        } else if (style == MessageStyle.LOG4J2) {
            capture = new ThrowableCapture(false, true, log4jCommonFrames(throwable));
        } else {
            capture = new ThrowableCapture(false, true, null);
        }
        return capture.describe(throwable, NO_FRAMES, 0);
    }

    /** {@code t} at nesting level {@code depth}, below the exception whose whole trace is {@code enclosing}. */
    private ThrowableInfo describe(Throwable t, StackTraceElement[] enclosing, int depth) {
        if (depth == DESCRIBED_DEPTH) {
            return describeRootCause(t, enclosing);
        }
        return describe(t, enclosing, depth, false);
    }

    /** The innermost exception of {@code t}'s chain of causes (short of a cycle), without its own nesting. */
    private ThrowableInfo describeRootCause(Throwable t, StackTraceElement[] enclosing) {
        Set<Throwable> chain = Collections.newSetFromMap(new IdentityHashMap<>());
        chain.add(t);
        Throwable parent = null;
        Throwable root = t;
        for (Throwable c = cause(root); c != null && chain.add(c); c = cause(c)) {
            parent = root;
            root = c;
        }
        return describe(root, parent == null ? enclosing : trace(parent), DESCRIBED_DEPTH, true);
    }

    /** @param leaf true to leave out the exception's cause and suppressed exceptions */
    private ThrowableInfo describe(Throwable t, StackTraceElement[] enclosing, int depth, boolean leaf) {
        String className = t.getClass().getName();
        String message = message(t);
        String text = text(t);
        if (!seen.add(t)) {
            return new ThrowableInfo(className, message, text, List.of(), 0, null, List.of(), true);
        }
        StackTraceElement[] trace = trace(t);
        Integer fixed = fixedCommonFrames == null ? null : fixedCommonFrames.get(t);
        // (a throwable whose getCause() answers differently on each call may be missing from log4j2's count)
        int common = fixed != null ? Math.min(fixed, trace.length) : commonFrames(trace, enclosing);
        List<String> frames = new ArrayList<>(trace.length - common);
        for (int i = 0; i < trace.length - common; i++) {
            frames.add(String.valueOf(trace[i]));
        }
        Throwable causeThrowable = leaf ? null : cause(t);
        ThrowableInfo cause = causeFirst && causeThrowable != null ? describe(causeThrowable, trace, depth + 1) : null;
        List<ThrowableInfo> suppressed = new ArrayList<>();
        for (Throwable s : leaf ? NO_THROWABLES : suppressed(t)) {
            suppressed.add(describe(s, trace, depth + 1));
        }
        if (!causeFirst && causeThrowable != null) {
            cause = describe(causeThrowable, trace, depth + 1);
        }
        return new ThrowableInfo(className, message, text, Collections.unmodifiableList(frames), common, cause,
                Collections.unmodifiableList(suppressed), false);
    }

    /**
     * log4j2's first walk: suppressed exceptions, then the cause, each throwable counted against the
     * throwable it was first reached from; the outermost one is not marked as seen, so a reference back
     * to it counts it again. Only as deep as {@link #DESCRIBED_DEPTH}: a root cause described at that
     * depth is counted against its own enclosing trace.
     */
    private static Map<Throwable, Integer> log4jCommonFrames(Throwable outermost) {
        Map<Throwable, Integer> common = new IdentityHashMap<>();
        common.put(outermost, 0);
        countCommonFrames(outermost, trace(outermost), 0, common, Collections.newSetFromMap(new IdentityHashMap<>()));
        return common;
    }

    private static void countCommonFrames(Throwable parent, StackTraceElement[] parentTrace, int parentDepth,
                                          Map<Throwable, Integer> common, Set<Throwable> visited) {
        if (parentDepth + 1 >= DESCRIBED_DEPTH) {
            return;
        }
        for (Throwable s : suppressed(parent)) {
            countFrom(parentTrace, s, parentDepth + 1, common, visited);
        }
        Throwable cause = cause(parent);
        if (cause != null) {
            countFrom(parentTrace, cause, parentDepth + 1, common, visited);
        }
    }

    private static void countFrom(StackTraceElement[] parentTrace, Throwable t, int depth,
                                  Map<Throwable, Integer> common, Set<Throwable> visited) {
        if (visited.add(t)) {
            StackTraceElement[] trace = trace(t);
            common.put(t, commonFrames(trace, parentTrace));
            countCommonFrames(t, trace, depth, common, visited);
        }
    }

    /** Frames at the bottom of {@code trace} equal to the bottom of {@code enclosing}. */
    private static int commonFrames(StackTraceElement[] trace, StackTraceElement[] enclosing) {
        int m = trace.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        return trace.length - 1 - m;
    }

    private static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return "[getMessage() threw " + e.getClass().getName() + "]";
        }
    }

    /** {@code toString()} as the framework prints it, or {@code null} (the default text) when it throws. */
    private String text(Throwable t) {
        try {
            String text = t.toString();
            return text == null && printsNullText ? "null" : text;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return null;
        }
    }

    private static StackTraceElement[] trace(Throwable t) {
        try {
            StackTraceElement[] trace = t.getStackTrace();
            return trace == null ? NO_FRAMES : trace;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return NO_FRAMES;
        }
    }

    /** The suppressed exceptions, without nulls (which a mocked throwable may return). */
    private static Throwable[] suppressed(Throwable t) {
        Throwable[] suppressed;
        try {
            suppressed = t.getSuppressed();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return NO_THROWABLES;
        }
        if (suppressed == null) {
            return NO_THROWABLES;
        }
        List<Throwable> present = new ArrayList<>(suppressed.length);
        for (Throwable s : suppressed) {
            if (s != null) {
                present.add(s);
            }
        }
        return present.toArray(NO_THROWABLES);
    }

    private static Throwable cause(Throwable t) {
        try {
            return t.getCause();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return null;
        }
    }
}
