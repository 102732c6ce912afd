package io.timberlog.core.internal.query;

/** What a full read of a part found: how many events, their time range, and how the part ended. Immutable. */
public final class PartFacts {
    private final long events;
    private final long minEpochNanos;
    private final long maxEpochNanos;
    private final boolean complete;
    private final boolean cleanEnd;
    private final long endEpochNanos;

    /**
     * @param complete      true when the part is finished (a sealed WAL file, a segment)
     * @param cleanEnd      true when the part ends its run cleanly (sealed because the store was closed)
     * @param endEpochNanos when the part was finished, or its newest event's time; 0 when unknown
     */
    public PartFacts(long events, long minEpochNanos, long maxEpochNanos, boolean complete, boolean cleanEnd,
                     long endEpochNanos) {
        this.events = events;
        this.minEpochNanos = minEpochNanos;
        this.maxEpochNanos = maxEpochNanos;
        this.complete = complete;
        this.cleanEnd = cleanEnd;
        this.endEpochNanos = endEpochNanos;
    }

    public long events() {
        return events;
    }

    /** The oldest event's time; {@code Long.MAX_VALUE} without events. */
    public long minEpochNanos() {
        return minEpochNanos;
    }

    /** The newest event's time; {@code Long.MIN_VALUE} without events. */
    public long maxEpochNanos() {
        return maxEpochNanos;
    }

    public boolean complete() {
        return complete;
    }

    public boolean cleanEnd() {
        return cleanEnd;
    }

    public long endEpochNanos() {
        return endEpochNanos;
    }
}
