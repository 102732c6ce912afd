package io.timberlog.core.internal.manifest;

import io.timberlog.core.Damage;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.segment.SegmentInfo;
import io.timberlog.core.internal.segment.SegmentReader;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a reader of a store reads, and the rule that makes it read every event exactly once while a
 * writer converts WAL files into segments: <b>a WAL file whose id the manifest lists for a segment is
 * never read; the segment is.</b> The converter deletes a WAL file only after the manifest listing its
 * segment is on disk, so when a WAL file from {@link #walFiles()} is gone by the time it is opened,
 * {@link #segmentsReplacing} names the segment to read in its place.
 *
 * <p>A snapshot: immutable, taken by {@link #of}. Reading it never modifies the store.
 */
public final class StoreSources {
    private final Path store;
    private final ManifestLoader.Loaded loaded;
    private final List<Path> walFiles;

    private StoreSources(Path store, ManifestLoader.Loaded loaded, List<Path> walFiles) {
        this.store = store;
        this.loaded = loaded;
        this.walFiles = walFiles;
    }

    /** True when {@code dir} holds a store's files: {@code wal.meta}, {@code wal/}, {@code manifest.json} or {@code segments/}. */
    public static boolean isStore(Path dir) {
        return WalMeta.exists(dir) || Files.isDirectory(WalFiles.directory(dir)) || ManifestFile.exists(dir)
                || Files.isDirectory(SegmentFiles.directory(dir));
    }

    /** Reads the manifest (rebuilt in memory from the footers when missing or damaged), then lists the WAL files. */
    public static StoreSources of(Path store) throws IOException {
        // The WAL files are listed before the manifest is read. The other order loses a file converted in
        // between: gone from the listing, and not yet in the manifest that was read. In this order such a
        // file is either in the manifest read after it, or its segment is found when opening it fails.
        List<Path> listed = WalFiles.list(store);
        ManifestLoader.Loaded loaded = ManifestLoader.load(store);
        Set<Long> covered = loaded.manifest.coveredWalIds();
        List<Path> wals = new ArrayList<>();
        for (Path file : listed) {
            if (!covered.contains(WalFiles.idOf(file))) {
                wals.add(file);
            }
        }
        return new StoreSources(store, loaded, wals);
    }

    public Path store() {
        return store;
    }

    /** The manifest as read (or rebuilt) for this snapshot. */
    public Manifest manifest() {
        return loaded.manifest;
    }

    /** {@code manifest.json} of the store. */
    public Path manifestFile() {
        return ManifestFile.path(store);
    }

    /** The segments, oldest first: read them before the WAL files. */
    public List<ManifestEntry> segments() {
        return loaded.manifest.segments();
    }

    /** A segment's file, or {@code null} when its name or file is not safe to open (see {@link SegmentLocator}). */
    public Path locate(ManifestEntry segment) throws IOException {
        return SegmentLocator.locate(store, segment.file());
    }

    /** The file a segment entry names inside the store, whether it exists or not (for reports). */
    public Path named(ManifestEntry segment) {
        return SegmentFiles.directory(store).resolve(segment.file());
    }

    /**
     * Opens a segment for reading. {@code null} when it cannot be read: deleted by retention since this
     * snapshot was taken (nothing to report), or missing, not a regular file, or damaged where the
     * blocks are found (its header, footer, dictionary or index), which goes to {@code damages}.
     *
     * @throws UnsupportedFormatException when a newer TimberLog wrote the segment
     */
    public SegmentReader open(ManifestEntry segment, Consumer<Damage> damages) throws IOException {
        Path file = locate(segment);
        try {
            if (file != null) {
                SegmentReader reader = SegmentReader.open(file);
                String mismatch = mismatch(reader.info(), segment);
                if (mismatch == null) {
                    return reader;
                }
                // Copied or renamed by hand: read as listed, its events would be read twice or out of order.
                reader.close();
                damages.accept(new Damage(file, 0, Files.size(file), Damage.Kind.CORRUPT, mismatch
                        + ": a copy of another segment, or a file renamed by hand; its events are left out"));
                return null;
            }
        } catch (NoSuchFileException e) {
            // deleted since it was located: by retention, or damage; see below
        } catch (SegmentDamageException e) {
            damages.accept(e.toDamage());
            return null;
        }
        if (stillListed(segment)) {
            damages.accept(new Damage(named(segment), 0, 0, Damage.Kind.CORRUPT, "segment listed in the manifest is "
                    + "missing or not a regular file; its " + segment.events() + " events are lost"));
        }
        return null;
    }

    /** How a segment differs from what the manifest lists under its name; null when it does not. */
    private static String mismatch(SegmentInfo info, ManifestEntry listed) {
        if (info.segmentId() != listed.segmentId()) {
            return "the segment's header names segment " + info.segmentId();
        }
        if (info.minSequence() != listed.minSequence() || info.maxSequence() != listed.maxSequence()) {
            return "the segment holds sequences " + info.minSequence() + ".." + info.maxSequence() + ", the manifest "
                    + "lists " + listed.minSequence() + ".." + listed.maxSequence();
        }
        return null;
    }

    /**
     * The ranges of its WAL files that were damaged when {@code segment} was made from them: their
     * events are lost, and readers of the segment keep reporting them.
     */
    public List<Damage> conversionDamages(SegmentReader reader, ManifestEntry segment) {
        List<Damage> damages = new ArrayList<>();
        for (SegmentInfo.ConversionDamage d : reader.info().conversionDamages()) {
            damages.add(new Damage(WalFiles.path(store, d.walId), d.start, d.end, Damage.Kind.CORRUPT,
                    d.detail + " (found when it was converted into " + segment.file() + ")"));
        }
        return damages;
    }

    /** The WAL files no segment holds yet, in id order. */
    public List<Path> walFiles() {
        return walFiles;
    }

    /** The highest WAL id any segment was made from, ever (0 when none): a writer's next files are above it. */
    public long highestConvertedWalId() {
        return loaded.manifest.highestWalId();
    }

    /** The damaged manifest as a damaged range (the whole file), or {@code null} when it is not damaged. */
    public Damage manifestDamage() throws IOException {
        if (!loaded.damaged) {
            return null;
        }
        Path file = ManifestFile.path(store);
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            size = 0; // replaced by a writer since: the damage was in what was read
        }
        return new Damage(file, 0, size, Damage.Kind.CORRUPT, loaded.warning);
    }

    /**
     * For a WAL file that disappeared after {@link #of}: the segments of the current manifest made from
     * it (normally one), which hold its events.
     */
    public List<ManifestEntry> segmentsReplacing(Path walFile) throws IOException {
        long walId = WalFiles.idOf(walFile);
        List<ManifestEntry> out = new ArrayList<>();
        for (ManifestEntry entry : ManifestLoader.load(store).manifest.segments()) {
            if (entry.coversWal(walId)) {
                out.add(entry);
            }
        }
        return out;
    }

    /**
     * True when the current manifest still lists {@code segment}: when its file cannot be found, that is
     * damage; otherwise retention deleted it in the meantime.
     */
    public boolean stillListed(ManifestEntry segment) throws IOException {
        for (ManifestEntry e : ManifestLoader.load(store).manifest.segments()) {
            if (e.file().equals(segment.file())) {
                return true;
            }
        }
        return false;
    }
}
