package io.timberlog.core.internal.manifest;

import io.timberlog.core.Level;
import io.timberlog.core.RunInfo;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.segment.SegmentInfo;
import io.timberlog.core.internal.segment.SegmentReader;

import java.io.IOException;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One segment as the manifest lists it. Immutable. */
public final class ManifestEntry {
    private final String file;
    private final long segmentId;
    private final long size;
    private final long events;
    private final long minSequence;
    private final long maxSequence;
    private final long minEpochNanos;
    private final long maxEpochNanos;
    private final List<String> runs;
    private final long[] levelCounts;
    private final long[] walIds;

    ManifestEntry(String file, long size, long events, long minSequence, long maxSequence, long minEpochNanos,
                  long maxEpochNanos, List<String> runs, long[] levelCounts, long[] walIds) {
        this.file = file;
        this.segmentId = SegmentFiles.idOf(file);
        this.size = size;
        this.events = events;
        this.minSequence = minSequence;
        this.maxSequence = maxSequence;
        this.minEpochNanos = minEpochNanos;
        this.maxEpochNanos = maxEpochNanos;
        this.runs = Collections.unmodifiableList(new ArrayList<>(runs));
        this.levelCounts = levelCounts.clone();
        this.walIds = walIds.clone();
    }

    /** The entry for a segment just written (or found on disk), from the segment's own summary. */
    public static ManifestEntry of(SegmentInfo info, long size) {
        List<String> runs = new ArrayList<>();
        for (RunInfo run : info.runs()) {
            runs.add(run.id());
        }
        long[] levels = new long[Level.values().length];
        for (Level level : Level.values()) {
            levels[level.code()] = info.levelCount(level);
        }
        return new ManifestEntry(SegmentFiles.fileName(info.segmentId()), size, info.eventCount(), info.minSequence(),
                info.maxSequence(), info.minEpochNanos(), info.maxEpochNanos(), runs, levels, info.walIds());
    }

    /** The entry for a segment file, from the summary in its own index. */
    public static ManifestEntry read(Path segment) throws IOException, SegmentDamageException {
        try (SegmentReader reader = SegmentReader.open(segment)) {
            return of(reader.info(), reader.fileSize());
        }
    }

    /** The file name inside {@code segments/}, validated: {@code segment_NNNNNN.log}. */
    public String file() {
        return file;
    }

    public long segmentId() {
        return segmentId;
    }

    public long size() {
        return size;
    }

    public long events() {
        return events;
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

    /** Ids of the runs whose events the segment holds ({@link RunInfo#id()}). */
    public List<String> runs() {
        return runs;
    }

    public long levelCount(Level level) {
        return levelCounts[level.code()];
    }

    /** The WAL files the segment was made from: once listed here, those WAL files are converted. */
    public long[] walIds() {
        return walIds.clone();
    }

    public boolean coversWal(long walId) {
        for (long id : walIds) {
            if (id == walId) {
                return true;
            }
        }
        return false;
    }
}
