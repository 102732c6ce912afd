package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.manifest.ManifestEntry;
import io.timberlog.core.internal.manifest.StoreSources;
import io.timberlog.core.internal.wal.EventDecoder;
import io.timberlog.core.internal.wal.WalFileHeader;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalFormat;
import io.timberlog.core.internal.wal.WalReader;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Follows the WAL of one store as a writer appends to it, also across rotations and conversions:
 * each poll reads what was published since the last one, with plain reads. A poll that finds nothing
 * new costs two small reads: the word where the next record will appear is still zero. The whole rest
 * of the file is scanned at most every {@link #FULL_SCAN_NANOS} as well.
 *
 * <p>Threads publish their records in any order: room reserved by one thread can still be empty when
 * records after it are published (a hole). Holes are remembered and read again on later polls, so a
 * record published late is still returned; a hole that stays empty for {@link #HOLE_PATIENCE_NANOS}
 * (its writer died) is given up. A sealed file is left once it has no holes.
 *
 * <p>The file being followed stays open, so its conversion into a segment (and deletion) changes
 * nothing. A later file that was converted before it could be opened is read from its segment
 * instead, at most {@link #CATCH_UP_BATCH} matching events a poll.
 *
 * <p>Not thread-safe.
 */
public final class WalTail implements Closeable {
    static final long FULL_SCAN_NANOS = 1_000_000_000L;
    static final long HOLE_PATIENCE_NANOS = 5_000_000_000L;
    static final int CATCH_UP_BATCH = 10_000;

    /** Room in the file that was empty when read, and since when. */
    private static final class Hole {
        final long start;
        final long end;
        final long seenNanos;

        Hole(long start, long end, long seenNanos) {
            this.start = start;
            this.end = end;
            this.seenNanos = seenNanos;
        }
    }

    /** Segments made from WAL files that were converted before they could be followed. */
    private static final class CatchUp {
        final List<SegmentPart> segments;
        final ReadContext context;
        int next;
        PartCursor cursor;

        CatchUp(List<SegmentPart> segments, ReadContext context) {
            this.segments = segments;
            this.context = context;
        }
    }

    private final Path store;
    private final EventFilter filter;
    private long walId;
    private List<Hole> holes = new ArrayList<>();
    private PartCursor open;
    private WalReader reader;
    private WalRecordVisitor visitor;
    private long position;
    private boolean sealed;
    private long lastFullScan;
    private CatchUp catchUp;
    private Consumer<Damage> damages;

    /** Follows {@code store} from the start of WAL file {@code walId} (which may not exist yet). */
    public WalTail(Path store, long walId, EventFilter filter) {
        this.store = store;
        this.filter = filter;
        this.walId = walId;
    }

    /**
     * Follows {@code store} from where {@code cursor}, over WAL file {@code walId}, ended; it is handed
     * over with its file still open. {@code unpublished} are the empty ranges it met, read again.
     */
    WalTail(Path store, long walId, WalPart.WalCursor cursor, List<Damage> unpublished, EventFilter filter) {
        this(store, walId, filter);
        this.open = cursor;
        this.reader = cursor.reader;
        this.visitor = cursor.visitor.ignoring(null);
        this.position = cursor.endPosition();
        long now = System.nanoTime();
        for (Damage d : unpublished) {
            holes.add(new Hole(d.start(), d.end(), now));
        }
    }

    /** Adds the matching events published since the last poll to {@code out}, oldest first. */
    public void poll(List<LogEvent> out, Consumer<Damage> damages) throws IOException {
        this.damages = damages;
        while (true) {
            if (catchUp != null) {
                if (!catchUp(out)) {
                    return;
                }
                continue;
            }
            if (reader == null && !openNext()) {
                if (catchUp != null) {
                    continue;
                }
                return;
            }
            long now = System.nanoTime();
            visitor.eventsTo(out);
            revisitHoles(now);
            boolean newer = !sealed && newerFileStarted();
            if (!sealed && (newer || reader.hasRecordAt(position) || now - lastFullScan >= FULL_SCAN_NANOS)) {
                lastFullScan = now;
                visitor.damagesTo(d -> noteDamage(d, now));
                WalReader.ScanEnd end = reader.scan(position, visitor);
                position = end.lastRecordEnd;
                // Room at or after where the next scan starts is read by that scan: as a hole too, a
                // record published there meanwhile would be returned twice.
                holes.removeIf(h -> h.start >= position);
                // sealed; or given up by its writer (a newer file is in use, and this one has no seal)
                sealed = end.sealed || newer;
            }
            if (!sealed || !holes.isEmpty()) {
                return;
            }
            closeFile();
            walId++;
        }
    }

    /**
     * Reads on in the segments being caught up with; false when {@code out} got a batch (poll again),
     * true when they are read to their end.
     */
    private boolean catchUp(List<LogEvent> out) throws IOException {
        CatchUp c = catchUp;
        int added = 0;
        while (added < CATCH_UP_BATCH) {
            if (c.cursor == null) {
                if (c.next == c.segments.size()) {
                    catchUp = null;
                    return true;
                }
                c.cursor = c.segments.get(c.next++).forward(c.context, null); // its context does not render
            }
            PartHit hit = c.cursor.next();
            LogEvent e = hit == null ? null : hit.event();
            if (e == null) {
                c.cursor.close();
                c.cursor = null;
            } else {
                out.add(e);
                added++;
            }
        }
        return false;
    }

    /** Reads the holes again: what was published since is returned, what is still empty stays a hole. */
    private void revisitHoles(long now) throws IOException {
        if (holes.isEmpty()) {
            return;
        }
        List<Hole> old = holes;
        holes = new ArrayList<>();
        for (Hole h : old) {
            if (now - h.seenNanos > HOLE_PATIENCE_NANOS) {
                continue; // its writer died: the room stays empty
            }
            visitor.damagesTo(d -> {
                if (d.kind() == Damage.Kind.UNPUBLISHED) {
                    holes.add(new Hole(d.start(), d.end(), h.seenNanos));
                } else {
                    damages.accept(d);
                }
            });
            // the scan reads on to the first record after the hole, which was returned already
            reader.scan(h.start, h.end, visitor.ignoring(position -> position >= h.end));
        }
        visitor.ignoring(null);
    }

    private void noteDamage(Damage d, long now) {
        if (d.kind() == Damage.Kind.UNPUBLISHED) {
            holes.add(new Hole(d.start(), d.end(), now));
        } else {
            damages.accept(d);
        }
    }

    /**
     * Opens the first WAL file at or after {@link #walId} that has begun, or, when the files before it
     * were converted and deleted before they could be opened, starts reading their segments; false
     * when no file is open (there is nothing new yet, or segments are to be read first).
     */
    private boolean openNext() throws IOException {
        // A file converted between the listing and its opening is found in the manifest the next time round.
        for (int attempt = 0; attempt < 3; attempt++) {
            StoreSources sources = StoreSources.of(store);
            Path file = null;
            long fileId = Long.MAX_VALUE;
            for (Path f : sources.walFiles()) {
                if (WalFiles.idOf(f) >= walId) {
                    file = f;
                    fileId = WalFiles.idOf(f);
                    break;
                }
            }
            if (startCatchUp(sources, fileId)) {
                return false;
            }
            if (file == null) {
                return false;
            }
            walId = fileId;
            try {
                return open(file);
            } catch (NoSuchFileException e) {
                // converted since listed: its segment is in the manifest now
            }
        }
        return false;
    }

    /**
     * Starts reading the segments made from WAL files {@code walId} up to (not including)
     * {@code beforeWalId}; false when there are none (their files never held events, or were
     * deleted unconverted to keep the store within its size).
     */
    private boolean startCatchUp(StoreSources sources, long beforeWalId) {
        List<SegmentPart> segments = new ArrayList<>();
        long highest = -1;
        for (ManifestEntry entry : sources.segments()) {
            boolean covers = false;
            for (long id : entry.walIds()) {
                if (id >= walId && id < beforeWalId) {
                    covers = true;
                    highest = Math.max(highest, id);
                }
            }
            if (covers) {
                segments.add(new SegmentPart(sources, entry));
            }
        }
        if (segments.isEmpty()) {
            return false;
        }
        catchUp = new CatchUp(segments, new ReadContext(filter, damages));
        walId = highest + 1;
        holes.clear();
        return true;
    }

    /** Opens WAL file {@link #walId}; false when it is preallocated but not in use yet. */
    private boolean open(Path file) throws IOException {
        WalReader r = WalReader.open(file);
        WalFileHeader.Status status = r.headerStatus();
        if (status == WalFileHeader.Status.EMPTY) {
            r.close();
            return false; // preallocated, not in use yet
        }
        if (status == WalFileHeader.Status.NEWER_VERSION) {
            r.close();
            throw new UnsupportedFormatException(file + " was written by a newer version of TimberLog");
        }
        reader = r;
        EventDecoder decoder = new EventDecoder(status == WalFileHeader.Status.VALID ? r.header().run() : null);
        visitor = new WalRecordVisitor(file, decoder, filter);
        position = WalFormat.HEADER_SIZE;
        sealed = false;
        lastFullScan = 0;
        holes.clear();
        return true;
    }

    /** True when a file after the one being read has begun: the writer has left this one. */
    private boolean newerFileStarted() throws IOException {
        for (Path file : WalFiles.list(store)) {
            if (WalFiles.idOf(file) > walId) {
                try (WalReader r = WalReader.open(file)) {
                    if (r.headerStatus() != WalFileHeader.Status.EMPTY) {
                        return true;
                    }
                } catch (NoSuchFileException e) {
                    return true; // converted already: it had begun
                }
            }
        }
        return false;
    }

    private void closeFile() throws IOException {
        try {
            if (open != null) {
                open.close();
            } else if (reader != null) {
                reader.close();
            }
        } finally {
            open = null;
            reader = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeFile();
        } finally {
            if (catchUp != null && catchUp.cursor != null) {
                catchUp.cursor.close();
            }
        }
    }
}
