package io.timberlog.core.internal.wal;

import java.util.concurrent.locks.LockSupport;

/**
 * Lets appending threads wait until their event is forced to disk, sharing forces: every waiter
 * that asked before a force starts is covered by it (group commit). Waiting is bounded twice: by
 * {@code maxWaitNanos} per append, and, for level-triggered forces, by a budget of waits per second,
 * beyond which an error storm falls back to the interval policy instead of stalling the application.
 * An interrupted caller waits all the same, and keeps its interrupt.
 *
 * <p>Thread-safe.
 */
final class ForceCoordinator {
    private final long maxWaitNanos;
    private final int waitsPerSecond;
    private Thread flusher;

    // Guarded by this.
    private long requested;
    private long completed;
    private long budgetWindowStart;
    private int budgetUsed;

    ForceCoordinator(long maxWaitNanos, int waitsPerSecond) {
        this.maxWaitNanos = maxWaitNanos;
        this.waitsPerSecond = waitsPerSecond;
    }

    void setFlusher(Thread flusher) {
        this.flusher = flusher;
    }

    /**
     * Asks for a force covering everything published so far and waits for it, up to the bound.
     *
     * @param budgeted whether this wait counts against the per-second budget (level-triggered forces)
     * @return true when the force completed in time
     */
    boolean awaitForce(boolean budgeted) {
        long target;
        boolean wait;
        synchronized (this) {
            target = ++requested;
            wait = !budgeted || takeBudget();
        }
        Thread f = flusher;
        if (f != null) {
            LockSupport.unpark(f);
        }
        if (!wait) {
            return false;
        }
        long deadline = System.nanoTime() + maxWaitNanos;
        boolean interrupted = false;
        try {
            synchronized (this) {
                while (completed < target) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        wait(left / 1_000_000, (int) (left % 1_000_000));
                    } catch (InterruptedException e) {
                        // Waited out all the same: the wait is bounded, and an application thread logs an error
                        // just after it was interrupted (catch InterruptedException, set the flag again, log).
                        interrupted = true;
                    }
                }
                return true;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt(); // the application's interrupt, kept
            }
        }
    }

    private boolean takeBudget() {
        long now = System.nanoTime();
        if (now - budgetWindowStart > 1_000_000_000L) {
            budgetWindowStart = now;
            budgetUsed = 0;
        }
        if (budgetUsed >= waitsPerSecond) {
            return false;
        }
        budgetUsed++;
        return true;
    }

    /** The newest request; the flusher reads it before forcing. */
    synchronized long requested() {
        return requested;
    }

    synchronized boolean hasPending() {
        return completed < requested;
    }

    /** Called by the flusher after a force that started once {@code upTo} had been requested. */
    synchronized void completed(long upTo) {
        if (upTo > completed) {
            completed = upTo;
            notifyAll();
        }
    }
}
