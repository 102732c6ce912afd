package io.timberlog.core.internal.io;

import java.util.concurrent.TimeUnit;

/**
 * Waiting for one of the store's threads to end when the store closes, on the application's thread.
 *
 * <p>That thread may be interrupted (an executor shut down with {@code shutdownNow}, a cancelled task that
 * stops its logging): {@link Thread#join} would then return at once, and the close would go on while the
 * store's threads still force, record and convert, releasing the store's lock to them. The wait is
 * bounded anyway, so it is not cut short; the interrupt is kept for the caller.
 */
public final class ThreadJoin {
    private ThreadJoin() {
    }

    /** Waits until {@code thread} ended or {@code timeoutNanos} passed, whether or not this thread is interrupted. */
    public static void await(Thread thread, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        try {
            for (long left = timeoutNanos; left > 0 && thread.isAlive(); left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedJoin(thread, left);
                } catch (InterruptedException e) {
                    interrupted = true; // the flag is cleared now: the next join waits
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
