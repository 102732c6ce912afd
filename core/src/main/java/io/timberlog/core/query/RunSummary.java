package io.timberlog.core.query;

import io.timberlog.core.RunInfo;

import java.util.Objects;

/** One run of a writing process in a store: when it started and ended, how many events, how it ended. Immutable. */
public final class RunSummary {
    /** How a run ended. */
    public enum State {
        /** The process closed the store: every event it appended is in the store. */
        CLEAN,
        /** The process died without closing the store (kill -9, OOM killer, power loss). */
        CRASHED,
        /** The process is still alive on this host and writing. */
        RUNNING
    }

    private final RunInfo run;
    private final StoreRef store;
    private final long endEpochNanos;
    private final long events;
    private final int files;
    private final State state;

    public RunSummary(RunInfo run, StoreRef store, long endEpochNanos, long events, int files, State state) {
        this.run = Objects.requireNonNull(run, "run");
        this.store = Objects.requireNonNull(store, "store");
        this.endEpochNanos = endEpochNanos;
        this.events = events;
        this.files = files;
        this.state = Objects.requireNonNull(state, "state");
    }

    public RunInfo run() {
        return run;
    }

    public StoreRef store() {
        return store;
    }

    public long startEpochNanos() {
        return run.startEpochNanos();
    }

    /** When the run ended (its clean close), or its newest event; 0 when it has none. */
    public long endEpochNanos() {
        return endEpochNanos;
    }

    public long events() {
        return events;
    }

    /** The store files that hold the run's events. */
    public int files() {
        return files;
    }

    public State state() {
        return state;
    }
}
