package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.Level;
import io.timberlog.core.RunInfo;
import io.timberlog.core.internal.manifest.ManifestEntry;
import io.timberlog.core.internal.manifest.StoreSources;
import io.timberlog.core.internal.segment.SegmentInfo;
import io.timberlog.core.internal.segment.SegmentReader;
import io.timberlog.core.internal.wal.SealReason;
import io.timberlog.core.query.StoreRef;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A segment as a part of a store. The manifest's entry gives its time range, levels and runs without
 * opening it, so a query skips segments it cannot match; a cursor then skips blocks by the block index
 * ({@link SegmentCursor}). Retention may delete a segment while it is read: a segment that is gone and
 * no longer listed is read as empty; one that is gone but still listed is damage.
 *
 * <p>Not thread-safe: it remembers the segment's summary once it has read it.
 */
public final class SegmentPart extends StorePart {
    private final StoreSources sources;
    private final ManifestEntry entry;
    /** The segment's own summary, once read; {@code null} before, or when it cannot be read. */
    private SegmentInfo info;
    /** Why the segment could not be opened for its summary: for {@link #facts}, which counts nothing of it then. */
    private final List<Damage> openDamages = new ArrayList<>();

    SegmentPart(StoreSources sources, ManifestEntry entry) {
        this.sources = sources;
        this.entry = entry;
    }

    @Override
    public Kind kind() {
        return Kind.SEGMENT;
    }

    @Override
    public Path file() {
        return sources.named(entry);
    }

    /** The sequence number of the segment's newest event. */
    long maxSequence() {
        return entry.maxSequence();
    }

    ManifestEntry entry() {
        return entry;
    }

    @Override
    public long firstWalId() {
        long first = Long.MAX_VALUE;
        for (long id : entry.walIds()) {
            first = Math.min(first, id);
        }
        return first;
    }

    @Override
    public long size() {
        return entry.size();
    }

    @Override
    public PartSummary summary() {
        int maxLevel = 0;
        for (Level level : Level.values()) {
            if (entry.levelCount(level) > 0) {
                maxLevel = level.code();
            }
        }
        return new PartSummary(entry.minEpochNanos(), entry.maxEpochNanos(), maxLevel, entry.runs());
    }

    /**
     * Opens the segment; {@code null} when it cannot be read (gone by retention, or damaged where its
     * blocks are found: reported to {@code damages}).
     */
    SegmentReader open(Consumer<Damage> damages) throws IOException {
        SegmentReader reader = sources.open(entry, damages);
        if (reader != null) {
            info = reader.info();
        }
        return reader;
    }

    /** The ranges its WAL files had damaged when the segment was made: their events are lost. */
    List<Damage> conversionDamages(SegmentReader reader) {
        return sources.conversionDamages(reader, entry);
    }

    private SegmentInfo info() throws IOException {
        if (info == null) {
            openDamages.clear();
            SegmentReader reader = open(openDamages::add); // keeps the summary; one that cannot be opened has none
            if (reader != null) {
                reader.close();
            }
        }
        return info;
    }

    @Override
    public List<RunInfo> runs() throws IOException {
        SegmentInfo i = info();
        return i == null ? List.of() : i.runs();
    }

    @Override
    public PartCursor forward(ReadContext context, StoreRef store) throws IOException {
        return SegmentCursor.open(this, context, store, false);
    }

    @Override
    public PartCursor backward(ReadContext context, StoreRef store) throws IOException {
        return SegmentCursor.open(this, context, store, true);
    }

    @Override
    public PartFacts facts(Consumer<Damage> damages) throws IOException {
        SegmentInfo i = info();
        openDamages.forEach(damages);
        return i == null ? new PartFacts(0, false, 0) : facts(i, i.eventCount());
    }

    /**
     * How the segment ends its runs: cleanly when its newest WAL file was sealed by a close; its end is
     * that seal's time, or its newest event's when the file had no seal.
     */
    static PartFacts facts(SegmentInfo info, long events) {
        SegmentInfo.WalSeal seal = info.lastSeal();
        boolean sealed = seal != null && seal.reason != null;
        return new PartFacts(events, sealed && seal.reason == SealReason.CLOSE,
                sealed ? seal.epochNanos : info.maxEpochNanos());
    }

    @Override
    public PartFacts verify(Consumer<Damage> problems) throws IOException {
        try (SegmentReader reader = open(problems)) {
            if (reader == null) {
                return new PartFacts(0, false, 0);
            }
            return new SegmentVerifier(reader, entry, sources.manifestFile(), problems).verify(conversionDamages(reader));
        }
    }

    @Override
    public List<StorePart> convertedInto() {
        return null; // a segment is not converted further: gone means deleted, which open() handles
    }
}
