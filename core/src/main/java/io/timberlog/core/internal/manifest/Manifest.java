package io.timberlog.core.internal.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The list of a store's segments ({@code manifest.json}), oldest first, and what must survive the
 * deletion of segments: the highest WAL id and sequence number ever converted, so that a new run
 * never reuses them, and the sequence below which retention has deleted everything. Immutable:
 * every change makes a new manifest with the next generation.
 */
public final class Manifest {
    public static final int VERSION = 2;

    private final long generation;
    private final long highestWalId;
    private final long highestSequence;
    private final long retainedFromSequence;
    private final List<ManifestEntry> segments;

    Manifest(long generation, long highestWalId, long highestSequence, long retainedFromSequence,
             List<ManifestEntry> segments) {
        this.generation = generation;
        this.highestWalId = highestWalId;
        this.highestSequence = highestSequence;
        this.retainedFromSequence = retainedFromSequence;
        List<ManifestEntry> sorted = new ArrayList<>(segments);
        sorted.sort((x, y) -> Long.compare(x.segmentId(), y.segmentId())); // Comparator.comparingLong's lambda is made at run time
        this.segments = Collections.unmodifiableList(sorted);
    }

    public static Manifest empty() {
        return new Manifest(0, 0, -1, 0, List.of());
    }

    public long generation() {
        return generation;
    }

    /** The highest WAL id any segment was made from, ever (0 when none). */
    public long highestWalId() {
        return highestWalId;
    }

    /** The highest sequence number any segment held, ever (-1 when none). */
    public long highestSequence() {
        return highestSequence;
    }

    /** Retention deleted every event below this sequence number. */
    public long retainedFromSequence() {
        return retainedFromSequence;
    }

    /** The segments in id order, which is sequence order. */
    public List<ManifestEntry> segments() {
        return segments;
    }

    /** True when a listed segment holds events of the run {@code runId} ({@link io.timberlog.core.RunInfo#id()}). */
    public boolean holdsRun(String runId) {
        for (ManifestEntry e : segments) {
            if (e.runs().contains(runId)) {
                return true;
            }
        }
        return false;
    }

    /** The WAL ids that segments hold: such WAL files are not to be read or converted again. */
    public Set<Long> coveredWalIds() {
        Set<Long> ids = new HashSet<>();
        for (ManifestEntry e : segments) {
            for (long id : e.walIds()) {
                ids.add(id);
            }
        }
        return ids;
    }

    public boolean coversWal(long walId) {
        for (ManifestEntry e : segments) {
            if (e.coversWal(walId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the events of {@code unlisted}, a segment file this manifest does not list, are found
     * elsewhere or were meant to go: its WAL files are still there ({@code walIdsPresent}) or listed
     * segments hold them, or retention has deleted every event up to its last. Otherwise the segment
     * holds events no reader sees, until a writer adds it to the manifest.
     */
    public boolean accountsFor(ManifestEntry unlisted, Set<Long> walIdsPresent) {
        if (unlisted.maxSequence() < retainedFromSequence) {
            return true;
        }
        long[] ids = unlisted.walIds();
        boolean elsewhere = ids.length > 0;
        for (long id : ids) {
            elsewhere &= walIdsPresent.contains(id) || coversWal(id);
        }
        return elsewhere;
    }

    /** The highest segment id listed, 0 when none. */
    public long highestSegmentId() {
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).segmentId();
    }

    public long totalSize() {
        long total = 0;
        for (ManifestEntry e : segments) {
            total += e.size();
        }
        return total;
    }

    public Manifest with(ManifestEntry added) {
        List<ManifestEntry> list = new ArrayList<>(segments);
        list.add(added);
        long wal = highestWalId;
        for (long id : added.walIds()) {
            wal = Math.max(wal, id);
        }
        return new Manifest(generation + 1, wal, Math.max(highestSequence, added.maxSequence()), retainedFromSequence,
                list);
    }

    /** This manifest without {@code removed}, which retention deletes. */
    public Manifest without(List<ManifestEntry> removed) {
        List<ManifestEntry> list = new ArrayList<>(segments);
        list.removeAll(removed);
        long floor = retainedFromSequence;
        for (ManifestEntry e : removed) {
            floor = Math.max(floor, e.maxSequence() + 1);
        }
        return new Manifest(generation + 1, highestWalId, highestSequence, floor, list);
    }
}
