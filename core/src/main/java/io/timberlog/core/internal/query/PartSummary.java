package io.timberlog.core.internal.query;

import io.timberlog.core.Level;
import io.timberlog.core.RunInfo;

import java.util.List;

/**
 * What is known about a part of a store without reading its events, for pruning: the time range, the
 * most severe level and the runs. A WAL file knows only its run; a segment knows all three from the
 * manifest and its block index. Unknown bounds are the widest. Immutable.
 */
public final class PartSummary {
    private final long minEpochNanos;
    private final long maxEpochNanos;
    private final int maxLevelCode;
    private final List<RunInfo> runs;

    public PartSummary(long minEpochNanos, long maxEpochNanos, int maxLevelCode, List<RunInfo> runs) {
        this.minEpochNanos = minEpochNanos;
        this.maxEpochNanos = maxEpochNanos;
        this.maxLevelCode = maxLevelCode;
        this.runs = List.copyOf(runs);
    }

    /** Nothing known but the runs (empty when unknown too). */
    public static PartSummary ofRuns(List<RunInfo> runs) {
        return new PartSummary(Long.MIN_VALUE, Long.MAX_VALUE, Level.FATAL.code(), runs);
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

    /** The runs whose events the part holds; empty when unknown. */
    public List<RunInfo> runs() {
        return runs;
    }
}
