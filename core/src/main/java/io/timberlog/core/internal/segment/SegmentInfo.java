package io.timberlog.core.internal.segment;

import io.timberlog.core.Level;
import io.timberlog.core.RunInfo;
import io.timberlog.core.internal.wal.SealReason;

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

    /**
     * How a source WAL file ended: its seal record's reason and time, or no seal (its writer crashed,
     * or the file was cut). Segments of format version 1 do not record it.
     */
    public static final class WalSeal {
        public final long walId;
        /** The seal's reason, or {@code null} when the WAL file had no seal. */
        public final SealReason reason;
        /** When the file was sealed; 0 without a seal. */
        public final long epochNanos;

        public WalSeal(long walId, SealReason reason, long epochNanos) {
            this.walId = walId;
            this.reason = reason;
            this.epochNanos = reason == null ? 0 : epochNanos;
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
    private final List<WalSeal> seals;

    SegmentInfo(long segmentId, long eventCount, long minSequence, long maxSequence, long minEpochNanos,
                long maxEpochNanos, long[] levelCounts, long[] walIds, List<RunInfo> runs,
                List<ConversionDamage> damages, List<WalSeal> seals) {
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
        this.seals = Collections.unmodifiableList(seals);
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

    /** How each source WAL file ended, in the order of {@link #walIds()}; empty for a version 1 segment. */
    public List<WalSeal> seals() {
        return seals;
    }

    /**
     * How the newest source WAL file ended: for a run whose last events the segment holds, whether the
     * run ended cleanly. {@code null} when the segment does not record it (format version 1).
     */
    public WalSeal lastSeal() {
        WalSeal last = null;
        for (WalSeal s : seals) {
            if (last == null || s.walId > last.walId) {
                last = s;
            }
        }
        return last;
    }
}
