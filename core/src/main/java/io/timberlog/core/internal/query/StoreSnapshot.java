package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.RunInfo;
import io.timberlog.core.internal.manifest.ManifestEntry;
import io.timberlog.core.internal.manifest.StoreSources;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalFormat;
import io.timberlog.core.internal.wal.WalMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of one store as they were when it was taken, in sequence order: the segments the manifest
 * lists, then the WAL files no segment holds yet ({@link StoreSources}: every event once, also while
 * a writer converts). A WAL file converted and deleted after the snapshot was taken is replaced by
 * the segments made from it ({@link StorePart#convertedInto()}).
 *
 * <p>Not thread-safe: its parts remember what they read.
 */
public final class StoreSnapshot {
    private final Path store;
    private final StoreSources sources;
    private final List<StorePart> parts = new ArrayList<>();
    /** Segments handed out as parts, by file name: a segment made from several WAL files is read once. */
    private final Set<String> segments = new HashSet<>();
    /** The first WAL id whose events no part holds. */
    private long nextWalId;
    private WalPart newestWal;
    /** Whether each run asked about ended cleanly ({@link #endedCleanly}). */
    private final Map<RunInfo, Boolean> cleanRuns = new HashMap<>();
    private Damage lostWal;

    private StoreSnapshot(Path store, StoreSources sources) {
        this.store = store;
        this.sources = sources;
        this.nextWalId = sources.highestConvertedWalId() + 1;
    }

    /** Lists the parts of {@code store} as they are now. */
    public static StoreSnapshot take(Path store) throws IOException {
        // Read before the files are listed: a file it names that is converted meanwhile is then in the manifest.
        WalMeta.State meta = WalMeta.read(store);
        StoreSnapshot snapshot = new StoreSnapshot(store, StoreSources.of(store));
        for (ManifestEntry entry : snapshot.sources.segments()) {
            snapshot.parts.add(snapshot.segment(entry));
        }
        Set<Long> walIdsRead = new HashSet<>();
        for (Path file : snapshot.sources.walFiles()) {
            long id = WalFiles.idOf(file);
            try {
                WalPart part = WalPart.open(snapshot, file);
                if (part != null) {
                    snapshot.parts.add(part);
                    snapshot.newestWal = part;
                    snapshot.nextWalId = Math.max(snapshot.nextWalId, id + 1);
                    walIdsRead.add(id);
                }
            } catch (NoSuchFileException e) {
                snapshot.parts.addAll(snapshot.convertedFrom(file));
                snapshot.nextWalId = Math.max(snapshot.nextWalId, id + 1);
                walIdsRead.add(id);
            }
        }
        if (snapshot.newestWal != null && snapshot.newestWal.walId() + 1 != snapshot.nextWalId) {
            snapshot.newestWal = null; // a later file was converted in the meantime: its segment is newer
        }
        snapshot.lostWal = lostWal(snapshot, meta, walIdsRead);
        return snapshot;
    }

    /**
     * The events {@code wal.meta} says were published in the current WAL file, as a damaged range, when
     * that file is gone or holds nothing (deleted, emptied, zeroed) and no segment holds its events;
     * else {@code null}. Nothing else would tell: every part that is there reads whole. (A file that
     * held no events, only strings of a record a crash cut off, is deleted by its conversion: then the
     * segments hold every event before {@code wal.meta}'s next sequence number.)
     */
    private static Damage lostWal(StoreSnapshot snapshot, WalMeta.State meta, Set<Long> walIdsRead) {
        if (meta == null || meta.publishedOffset <= WalFormat.HEADER_SIZE || walIdsRead.contains(meta.walId)
                || meta.walId <= snapshot.sources.highestConvertedWalId()
                || meta.nextSequence - 1 <= snapshot.sources.manifest().highestSequence()) {
            return null;
        }
        Path file = WalFiles.path(snapshot.store, meta.walId);
        return new Damage(file, WalFormat.HEADER_SIZE, meta.publishedOffset, Damage.Kind.CORRUPT, WalFiles.META
                + " says events were published in this file up to byte " + meta.publishedOffset + " (sequence "
                + meta.nextSequence + " was next), but the file is " + (Files.exists(file) ? "empty" : "missing")
                + " and no segment holds them: they are lost");
    }

    private SegmentPart segment(ManifestEntry entry) {
        segments.add(entry.file());
        return new SegmentPart(sources, entry);
    }

    public Path store() {
        return store;
    }

    /** The parts, oldest first. */
    public List<StorePart> parts() {
        return Collections.unmodifiableList(parts);
    }

    /** The segments that hold the events of a WAL file converted since the snapshot, not handed out before. */
    List<StorePart> convertedFrom(Path walFile) throws IOException {
        List<StorePart> now = new ArrayList<>();
        for (ManifestEntry entry : sources.segmentsReplacing(walFile)) {
            if (!segments.contains(entry.file())) {
                now.add(segment(entry));
            }
        }
        return now;
    }

    /**
     * The first WAL id whose events no part holds: where the store's next events will be, unless
     * they go on in {@link #newestWal()}.
     */
    public long nextWalId() {
        return nextWalId;
    }

    /** The WAL file that holds the store's newest events, which a writer may still append to; {@code null} when a segment holds them. */
    public WalPart newestWal() {
        return newestWal;
    }

    /**
     * True when {@code run}'s last part here was sealed by the store's close: the run ended cleanly. The
     * end of that part is read on the first question about the run (of a WAL file, a scan of it); a part
     * gone since the snapshot counts as not known to have ended cleanly.
     */
    synchronized boolean endedCleanly(RunInfo run) throws IOException {
        Boolean known = cleanRuns.get(run);
        if (known == null) {
            known = false;
            for (RunCatalog.RunParts r : RunCatalog.group(parts)) {
                if (r.run.equals(run)) {
                    try {
                        known = r.parts.get(r.parts.size() - 1).facts(d -> { }).cleanEnd();
                    } catch (NoSuchFileException gone) {
                        known = false;
                    }
                    break;
                }
            }
            cleanRuns.put(run, known);
        }
        return known;
    }

    /**
     * The current WAL file as a damaged range when it is missing or empty while {@code wal.meta} says
     * events were published in it, else {@code null}.
     */
    public Damage lostWalDamage() {
        return lostWal;
    }

    /** The manifest as a damaged range when it was damaged (and rebuilt from the segments), else {@code null}. */
    public Damage manifestDamage() throws IOException {
        return sources.manifestDamage();
    }

    StoreSources sources() {
        return sources;
    }
}
