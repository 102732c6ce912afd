package io.timberlog.core.internal.manifest;

import java.util.function.LongSupplier;

/**
 * Decides when converting WAL files into segments may wait. Conversion is background work inside
 * someone else's process: while the application logs heavily (a burst, a benchmark), it would take
 * CPU from the application exactly when the application needs it, and it allocates while it decodes.
 * So while the writer appends faster than {@link #BUSY_EVENTS_PER_SECOND} and no more than
 * {@link #MAX_WAITING_FILES} files are waiting, conversion waits; beyond that backlog it converts
 * anyway (retention keeps the disk bounded either way), and a quiet moment catches up. Nothing is at
 * risk while a file waits: WAL files are as durable and as readable as segments, only larger.
 *
 * <p>Used by the segment manager's thread only; not thread-safe.
 */
final class ConversionPacer {
    static final long BUSY_EVENTS_PER_SECOND = 200_000;
    static final int MAX_WAITING_FILES = 8;

    private final LongSupplier appendedEvents;
    private long lastEvents = -1;
    private long lastNanos;
    private long eventsPerSecond;

    /** @param appendedEvents how many events the writer has appended so far (any monotonic count) */
    ConversionPacer(LongSupplier appendedEvents) {
        this.appendedEvents = appendedEvents;
    }

    /** True when the conversion of the {@code waitingFiles} queued files should wait a little. */
    boolean shouldWait(int waitingFiles, long nowNanos) {
        sample(nowNanos);
        return isBusyWithSmallBacklog(waitingFiles, eventsPerSecond);
    }

    static boolean isBusyWithSmallBacklog(int waitingFiles, long eventsPerSecond) {
        return waitingFiles <= MAX_WAITING_FILES && eventsPerSecond > BUSY_EVENTS_PER_SECOND;
    }

    /** Measures the append rate over the last tenth of a second or more. */
    private void sample(long nowNanos) {
        long events = appendedEvents.getAsLong();
        if (lastEvents < 0) {
            lastEvents = events;
            lastNanos = nowNanos;
            return;
        }
        long elapsed = nowNanos - lastNanos;
        if (elapsed >= 100_000_000L) {
            eventsPerSecond = (events - lastEvents) * 1_000_000_000L / elapsed;
            lastEvents = events;
            lastNanos = nowNanos;
        }
    }
}
