package io.timberlog.core.internal.manifest;

import io.timberlog.core.internal.wal.WalFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    /** The segments, oldest first: read them before the WAL files. */
    public List<ManifestEntry> segments() {
        return loaded.manifest.segments();
    }

    /** A segment's file, or {@code null} when its name or file is not safe to open (see {@link SegmentLocator}). */
    public Path locate(ManifestEntry segment) {
        return SegmentLocator.locate(store, segment.file());
    }

    /** The WAL files no segment holds yet, in id order. */
    public List<Path> walFiles() {
        return walFiles;
    }

    /** True when {@code manifest.json} was there but damaged; {@link #manifestProblem} says how. */
    public boolean manifestDamaged() {
        return loaded.damaged;
    }

    /** Why the manifest was rebuilt, or {@code null}. */
    public String manifestProblem() {
        return loaded.warning;
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
