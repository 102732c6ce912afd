package io.timberlog.core.internal.query;

import io.timberlog.core.Level;
import io.timberlog.core.RunInfo;

import java.util.List;

/**
 * What is known about a part of a store without reading its events, for pruning: the time range, the
 * most severe level and the runs ({@link RunInfo#id()}). A WAL file knows only its run; a segment
 * knows all three from the manifest. Unknown bounds are the widest. Immutable.
 */
public final class PartSummary {
    private final long minEpochNanos;
    private final long maxEpochNanos;
    private final int maxLevelCode;
    private final List<String> runIds;

    public PartSummary(long minEpochNanos, long maxEpochNanos, int maxLevelCode, List<String> runIds) {
        this.minEpochNanos = minEpochNanos;
        this.maxEpochNanos = maxEpochNanos;
        this.maxLevelCode = maxLevelCode;
        this.runIds = List.copyOf(runIds);
    }

    /** Nothing known but the runs (empty when unknown too). */
    public static PartSummary ofRuns(List<String> runIds) {
        return new PartSummary(Long.MIN_VALUE, Long.MAX_VALUE, Level.FATAL.code(), runIds);
    }

    public long minEpochNanos() {
        return minEpochNanos;
    }

    public long maxEpochNanos() {
        return maxEpochNanos;
    }

    public int maxLevelCode() {
        return maxLevelCode;
    }

    /** The ids of the runs whose events the part holds; empty when unknown. */
    public List<String> runIds() {
        return runIds;
    }
}
