package io.timberlog.core.internal.wal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts events the store could not take, and when: the flusher turns the count since the last
 * report into a synthetic event once writing works again.
 *
 * <p>Thread-safe.
 */
final class DropCounter {
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private volatile long firstPendingNanos;
    private volatile long lastPendingNanos;

    void drop(long epochNanos) {
        if (pending.getAndIncrement() == 0) {
            firstPendingNanos = epochNanos;
        }
        lastPendingNanos = epochNanos;
        total.incrementAndGet();
    }

    long total() {
        return total.get();
    }

    long pending() {
        return pending.get();
    }

    long firstPendingNanos() {
        return firstPendingNanos;
    }

    long lastPendingNanos() {
        return lastPendingNanos;
    }

    /** Marks {@code n} pending drops as reported. */
    void reported(long n) {
        pending.addAndGet(-n);
    }
}
