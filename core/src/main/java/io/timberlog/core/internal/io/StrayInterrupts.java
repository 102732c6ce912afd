package io.timberlog.core.internal.io;

/**
 * For the store's own threads, which are never stopped by an interrupt (a flag and an unpark stop them).
 * They are made in the thread group of the application's thread that opened the store, and an application
 * may interrupt every thread of its group: left set, the interrupt would cut every park short (a thread
 * spinning on a core) and fail every channel operation with {@code ClosedByInterruptException} (no WAL file
 * created again, no conversion, wal.meta closed for the run). Each thread drops it before each round of work.
 */
public final class StrayInterrupts {
    private StrayInterrupts() {
    }

    /** Clears the calling thread's interrupt flag. */
    public static void clear() {
        Thread.interrupted();
    }
}
