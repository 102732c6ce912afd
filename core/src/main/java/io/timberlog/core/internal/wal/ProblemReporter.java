package io.timberlog.core.internal.wal;

import io.timberlog.core.ProblemListener;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes problems to the user's {@link ProblemListener}, at most one per kind a minute, so that a
 * disk that stays full does not flood the application's status channel. Counts every problem.
 *
 * <p>Thread-safe.
 */
public final class ProblemReporter {
    private static final long QUIET_NANOS = 60_000_000_000L;

    private final ProblemListener listener;
    private final ConcurrentHashMap<String, Long> lastReported = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();

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
        try {
            listener.problem(message, cause);
        } catch (RuntimeException | LinkageError e) {
            // A broken listener must not break the store.
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
