package io.timberlog.core.internal.segment;

import io.timberlog.core.Level;
import io.timberlog.core.RunInfo;

import java.util.Collections;
import java.util.List;

/**
 * What a segment holds as a whole, as its index records it: the manifest's entry for the segment is
 * made from this, and rebuilt from it when the manifest is lost. Immutable.
 */
public final class SegmentInfo {
    /** A range of a WAL file that could not be read when the segment was made from it; readers report it on. */
    public static final class ConversionDamage {
        public final long walId;
        public final long start;
        public final long end;
        public final String detail;

        public ConversionDamage(long walId, long start, long end, String detail) {
            this.walId = walId;
            this.start = start;
            this.end = end;
            this.detail = detail;
        }
    }

    private final long segmentId;
    private final long eventCount;
    private final long minSequence;
    private final long maxSequence;
    private final long minEpochNanos;
    private final long maxEpochNanos;
    private final long[] levelCounts;
    private final long[] walIds;
    private final List<RunInfo> runs;
    private final List<ConversionDamage> damages;

    SegmentInfo(long segmentId, long eventCount, long minSequence, long maxSequence, long minEpochNanos,
                long maxEpochNanos, long[] levelCounts, long[] walIds, List<RunInfo> runs,
                List<ConversionDamage> damages) {
        this.segmentId = segmentId;
        this.eventCount = eventCount;
        this.minSequence = minSequence;
        this.maxSequence = maxSequence;
        this.minEpochNanos = minEpochNanos;
        this.maxEpochNanos = maxEpochNanos;
        this.levelCounts = levelCounts.clone();
        this.walIds = walIds.clone();
        this.runs = Collections.unmodifiableList(runs);
        this.damages = Collections.unmodifiableList(damages);
    }

    public long segmentId() {
        return segmentId;
    }

    public long eventCount() {
        return eventCount;
    }

    public long minSequence() {
        return minSequence;
    }

    public long maxSequence() {
        return maxSequence;
    }

    public long minEpochNanos() {
        return minEpochNanos;
    }

    public long maxEpochNanos() {
        return maxEpochNanos;
    }

    public long levelCount(Level level) {
        return levelCounts[level.code()];
    }

    /** The WAL files the segment was made from, by id. */
    public long[] walIds() {
        return walIds.clone();
    }

    public List<RunInfo> runs() {
        return runs;
    }

    public List<ConversionDamage> conversionDamages() {
        return damages;
    }
}
