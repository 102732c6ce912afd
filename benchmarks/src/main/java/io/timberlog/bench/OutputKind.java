package io.timberlog.bench;

/** What a contender leaves on disk, and so how its events are read back and measured. */
public enum OutputKind {
    /** A text file, {@code app.log} in the run's directory. */
    TEXT,
    /** A TimberLog store, {@code store/} in the run's directory. */
    TIMBERLOG_STORE,
    /** A Chronicle Queue, {@code queue/} in the run's directory. */
    CHRONICLE_QUEUE,
    /** Nothing: a reference run. */
    NONE
}
