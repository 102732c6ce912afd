package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.internal.manifest.ManifestEntry;
import io.timberlog.core.internal.manifest.StoreSources;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
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

    private StoreSnapshot(Path store, StoreSources sources) {
        this.store = store;
        this.sources = sources;
    }

    /** Lists the parts of {@code store} as they are now. */
    public static StoreSnapshot take(Path store) throws IOException {
        StoreSnapshot snapshot = new StoreSnapshot(store, StoreSources.of(store));
        for (ManifestEntry entry : snapshot.sources.segments()) {
            snapshot.parts.add(snapshot.segment(entry));
        }
        for (Path file : snapshot.sources.walFiles()) {
            try {
                WalPart part = WalPart.open(snapshot, file);
                if (part != null) {
                    snapshot.parts.add(part);
                }
            } catch (NoSuchFileException e) {
                snapshot.parts.addAll(snapshot.convertedFrom(file));
            }
        }
        return snapshot;
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

    /** The WAL id a writer's next file will have at least: above every WAL file converted when the snapshot was taken. */
    public long nextWalIdAfterSegments() {
        return sources.highestConvertedWalId() + 1;
    }

    /** The manifest as a damaged range when it was damaged (and rebuilt from the segments), else {@code null}. */
    public Damage manifestDamage() throws IOException {
        return sources.manifestDamage();
    }

    StoreSources sources() {
        return sources;
    }
}
