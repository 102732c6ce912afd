package io.timberlog.core.internal.wal;

import io.timberlog.core.ProblemListener;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes problems to the user's {@link ProblemListener}, at most one per kind a minute, so that a
 * disk that stays full does not flood the application's status channel. Counts every problem. The word
 * that a problem cleared goes through whenever the listener was told of a problem since the last such
 * word: its last word must never be that something is wrong while it no longer is.
 *
 * <p>Thread-safe.
 */
public final class ProblemReporter {
    private static final long QUIET_NANOS = 60_000_000_000L;

    private final ProblemListener listener;
    private final ConcurrentHashMap<String, Long> lastReported = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();
    /** True when the listener was told of a problem since it was last told that one cleared. */
    private final AtomicBoolean troubleTold = new AtomicBoolean();

    public ProblemReporter(ProblemListener listener) {
        this.listener = listener;
    }

    public void report(String kind, String message, Throwable cause) {
        count.incrementAndGet();
        long now = System.nanoTime();
        Long last = lastReported.get(kind);
        if (last != null && now - last < QUIET_NANOS) {
            return;
        }
        lastReported.put(kind, now);
        troubleTold.set(true);
        tell(message, cause);
    }

    /**
     * Says that a problem cleared (and what it cost, e.g. events dropped): told when the listener heard of
     * a problem since it last heard such a word, else only counted, as a problem of {@code kind}.
     */
    public void reportCleared(String kind, String message) {
        if (troubleTold.getAndSet(false)) {
            count.incrementAndGet();
            lastReported.put(kind, System.nanoTime());
            tell(message, null);
        } else {
            report(kind, message, null);
            troubleTold.set(false); // a word that something cleared is no trouble
        }
    }

    private void tell(String message, Throwable cause) {
        tell(listener, message, cause);
    }

    /**
     * Calls {@code listener}; never throws. A broken listener must not break the store, nor the application's
     * start while it opens (a listener's Error thrown out of an opening would also leave it half done).
     * Whatever it throws is dropped, every Error too, VirtualMachineError included: the listener is the
     * application's (its framework's status output), an OutOfMemoryError or StackOverflowError in it says
     * nothing about the store, and the application meets a JVM truly out of memory in its own code anyway.
     */
    public static void tell(ProblemListener listener, String message, Throwable cause) {
        try {
            listener.problem(message, cause);
        } catch (Throwable e) {
            // dropped, as said above
        }
    }

    /** Lets the next problem of {@code kind} through at once (the condition cleared and came back). */
    public void clear(String kind) {
        lastReported.remove(kind);
    }

    public long count() {
        return count.get();
    }
}
