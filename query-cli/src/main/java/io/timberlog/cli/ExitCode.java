package io.timberlog.cli;

/** The process exit codes, as grep has them. */
final class ExitCode {
    /** Something matched (query, stats), or everything is fine (runs, verify, compact). */
    static final int OK = 0;
    /** Nothing matched (query), or nothing was left to count (stats). */
    static final int NO_MATCH = 1;
    /** {@code verify} found damage. */
    static final int DAMAGED = 1;
    /** A user mistake or an error: a bad flag, date or path, an unreadable store. */
    static final int ERROR = 2;

    private ExitCode() {
    }
}
