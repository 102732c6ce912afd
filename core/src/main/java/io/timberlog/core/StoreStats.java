package io.timberlog.core;

/** A snapshot of a writing store's counters. Immutable. */
public final class StoreStats {
    private final long nextSequence;
    private final long currentWalId;
    private final long droppedEvents;
    private final long problems;
    private final long failedForces;

    public StoreStats(long nextSequence, long currentWalId, long droppedEvents, long problems, long failedForces) {
        this.nextSequence = nextSequence;
        this.currentWalId = currentWalId;
        this.droppedEvents = droppedEvents;
        this.problems = problems;
        this.failedForces = failedForces;
    }

    /** The sequence number the next event gets. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Id of the WAL file being written, or -1 when none is ready. */
    public long currentWalId() {
        return currentWalId;
    }

    /** Events this process could not store (overload, disk full, after close). */
    public long droppedEvents() {
        return droppedEvents;
    }

    /** Problems met (each also reported to the {@link ProblemListener}, rate limited). */
    public long problems() {
        return problems;
    }

    public long failedForces() {
        return failedForces;
    }

    @Override
    public String toString() {
        return "StoreStats{nextSequence=" + nextSequence + ", currentWalId=" + currentWalId + ", droppedEvents="
                + droppedEvents + ", problems=" + problems + ", failedForces=" + failedForces + "}";
    }
}
