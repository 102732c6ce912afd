package io.timberlog.core.internal.query;

/** What a full read of a part found: how many events, and how the part ended. Immutable. */
public final class PartFacts {
    private final long events;
    private final boolean cleanEnd;
    private final long endEpochNanos;

    /**
     * @param cleanEnd      true when the part ends its run cleanly (sealed because the store was closed)
     * @param endEpochNanos when the part was finished, or its newest event's time; 0 when unknown
     */
    public PartFacts(long events, boolean cleanEnd, long endEpochNanos) {
        this.events = events;
        this.cleanEnd = cleanEnd;
        this.endEpochNanos = endEpochNanos;
    }

    public long events() {
        return events;
    }

    public boolean cleanEnd() {
        return cleanEnd;
    }

    public long endEpochNanos() {
        return endEpochNanos;
    }
}
