package io.timberlog.core.internal.wal;

import java.util.concurrent.locks.LockSupport;

/**
 * The waits of a close for the appends still under way: those that reserved room before the store
 * closed and have not published their records yet. Their seal must come after those records, because
 * readers take room left unpublished in a run that ended cleanly for lost events (FORMAT.md, "Damage"):
 * a query or {@code verify} that reads the files before the late publication, or after the process
 * was killed before it, would report a loss where no event was acknowledged.
 *
 * <p>Each wait ends at a deadline the caller chooses: an append gets from its reservation to its
 * publication within microseconds, but its thread can be descheduled or held at a safepoint for much
 * longer, and one stopped for good must not hold the close up.
 *
 * <p>Used by the closing thread only.
 */
final class InFlightAppends {
    /** Between two looks: far longer than an append takes to publish, and a spin would take a core from it. */
    private static final long PARK_NANOS = 20_000L;

    private InFlightAppends() {
    }

    /**
     * Waits until every record reserved in {@code wal} below {@code end} is published, or until
     * {@code until} ({@link System#nanoTime}) passes; true when they are. Only for a file whose
     * reservations the caller ended ({@link ActiveWal#endReservations}) and has not sealed yet: nobody
     * else seals it meanwhile, so the flusher cannot unmap it under this read.
     */
    static boolean awaitPublished(ActiveWal wal, long end, long until) {
        long upTo = wal.publishedUpTo(WalFormat.HEADER_SIZE, end);
        boolean interrupted = false;
        while (upTo < end && System.nanoTime() - until < 0) {
            interrupted |= park();
            upTo = wal.publishedUpTo(upTo, end); // on from where it stopped: the file is walked once
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return upTo == end;
    }

    /**
     * Waits until the flusher released {@code wal}, a file another thread sealed, or until {@code until}
     * passes; true when it did. The flusher releases a sealed file only once every record in it is
     * published. The file itself is not read here: the flusher may unmap it at any moment, and a read
     * of an unmapped file kills the process.
     */
    static boolean awaitReleased(ActiveWal wal, long until) {
        boolean interrupted = false;
        while (!wal.isReleased() && System.nanoTime() - until < 0) {
            interrupted |= park();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return wal.isReleased();
    }

    /**
     * Parks briefly; true when it took the thread's interrupt, which the caller sets again once it stops
     * waiting: on an interrupted thread a park returns at once, and the wait would spin until its deadline.
     */
    private static boolean park() {
        boolean interrupted = Thread.interrupted();
        LockSupport.parkNanos(PARK_NANOS);
        return interrupted;
    }
}
