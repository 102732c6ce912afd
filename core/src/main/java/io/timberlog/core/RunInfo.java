package io.timberlog.core;

import java.util.Objects;

/**
 * One run of a writing process: it starts when a process opens the store and ends when it closes it
 * or dies. Every WAL file is tagged with the run that wrote it, so that a query can ask for "the run
 * that crashed". Immutable.
 */
public final class RunInfo {
    private final long startEpochNanos;
    private final long pid;
    private final String host;
    private final long nonce;

    public RunInfo(long startEpochNanos, long pid, String host, long nonce) {
        this.startEpochNanos = startEpochNanos;
        this.pid = pid;
        this.host = Objects.requireNonNull(host, "host");
        this.nonce = nonce;
    }

    /** When the process opened the store, in nanoseconds since the epoch. */
    public long startEpochNanos() {
        return startEpochNanos;
    }

    public long pid() {
        return pid;
    }

    public String host() {
        return host;
    }

    /** A random number drawn at start, so two runs with the same start time, pid and host still differ. */
    public long nonce() {
        return nonce;
    }

    /** A compact identifier: start time in hex, pid, and nonce, e.g. {@code 187a3c1f5e2b0000-4711-9f3e}. */
    public String id() {
        return Long.toHexString(startEpochNanos) + "-" + pid + "-" + Long.toHexString(nonce & 0xffff);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RunInfo)) {
            return false;
        }
        RunInfo other = (RunInfo) o;
        return startEpochNanos == other.startEpochNanos && pid == other.pid && nonce == other.nonce
                && host.equals(other.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(startEpochNanos, pid, host, nonce);
    }

    @Override
    public String toString() {
        return "run " + id() + " (pid " + pid + " on " + host + ")";
    }
}
