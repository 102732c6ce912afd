package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.wal.EventDecoder;
import io.timberlog.core.internal.wal.WalFileHeader;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalFormat;
import io.timberlog.core.internal.wal.WalReader;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Follows the WAL of one store as a writer appends to it, also across rotations: each poll reads what
 * was published since the last one, with plain reads. A poll that finds nothing new costs two small
 * reads: the word where the next record will appear is still zero. The whole rest of the file is
 * scanned at most every {@link #FULL_SCAN_NANOS} as well.
 *
 * <p>Threads publish their records in any order: room reserved by one thread can still be empty when
 * records after it are published (a hole). Holes are remembered and read again on later polls, so a
 * record published late is still returned; a hole that stays empty for {@link #HOLE_PATIENCE_NANOS}
 * (its writer died) is given up. A sealed file is left once it has no holes.
 *
 * <p>Not thread-safe.
 */
public final class WalTail implements Closeable {
    static final long FULL_SCAN_NANOS = 1_000_000_000L;
    static final long HOLE_PATIENCE_NANOS = 5_000_000_000L;

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

    private final Path store;
    private final EventFilter filter;
    private final ByteBuffer word = ByteBuffer.allocate(8);
    private long walId;
    private long startOffset;
    private List<Hole> holes = new ArrayList<>();
    private WalReader reader;
    private FileChannel peek;
    private WalRecordVisitor visitor;
    private long position;
    private boolean sealed;
    private long lastFullScan;

    /**
     * Follows {@code store} from {@code from}; {@code unpublished} are the empty ranges a reader met
     * before {@code from} in that file, to be read again.
     */
    public WalTail(Path store, WalPosition from, List<Damage> unpublished, EventFilter filter) {
        this.store = store;
        this.filter = filter;
        this.walId = from.walId;
        this.startOffset = from.offset;
        long now = System.nanoTime();
        for (Damage d : unpublished) {
            holes.add(new Hole(d.start(), d.end(), now));
        }
    }

    /** Adds the matching events published since the last poll to {@code out}, oldest first. */
    public void poll(List<LogEvent> out, Consumer<Damage> damages) throws IOException {
        while (true) {
            if (reader == null && !openNext()) {
                return;
            }
            long now = System.nanoTime();
            visitor.eventsTo(out);
            revisitHoles(now, damages);
            boolean newer = !sealed && newerFileStarted();
            if (!sealed && (newer || hasRecordAt(position) || now - lastFullScan >= FULL_SCAN_NANOS)) {
                lastFullScan = now;
                visitor.damagesTo(d -> noteDamage(d, now, damages));
                WalReader.ScanEnd end = reader.scan(position, visitor);
                position = end.lastRecordEnd;
                // sealed; or given up by its writer (a newer file is in use, and this one has no seal)
                sealed = end.sealed || newer;
            }
            if (!sealed || !holes.isEmpty()) {
                return;
            }
            closeFile();
            walId++;
            startOffset = WalFormat.HEADER_SIZE;
        }
    }

    /** Reads the holes again: what was published since is returned, what is still empty stays a hole. */
    private void revisitHoles(long now, Consumer<Damage> damages) throws IOException {
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

    private void noteDamage(Damage d, long now, Consumer<Damage> damages) {
        if (d.kind() == Damage.Kind.UNPUBLISHED) {
            holes.add(new Hole(d.start(), d.end(), now));
        } else {
            damages.accept(d);
        }
    }

    /** Opens the first WAL file at or after {@link #walId} that has begun; false when there is none yet. */
    private boolean openNext() throws IOException {
        for (Path file : WalFiles.list(store)) {
            long id = WalFiles.idOf(file);
            if (id < walId) {
                continue;
            }
            if (id != walId) {
                walId = id;
                startOffset = WalFormat.HEADER_SIZE;
                holes.clear();
            }
            try {
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
                peek = FileChannel.open(file, StandardOpenOption.READ);
                EventDecoder decoder = new EventDecoder(status == WalFileHeader.Status.VALID ? r.header().run() : null);
                visitor = new WalRecordVisitor(file, decoder, filter);
                if (startOffset > WalFormat.HEADER_SIZE) {
                    // resuming inside the file: learn the dictionary strings written before that point
                    reader.scan(WalFormat.HEADER_SIZE, startOffset, visitor.eventsTo(null).damagesTo(null));
                }
                position = startOffset;
                sealed = false;
                lastFullScan = 0;
                return true;
            } catch (NoSuchFileException e) {
                closeFile();
                walId = id + 1; // removed since listed (converted); go on with the next
                holes.clear();
            }
        }
        return false;
    }

    private boolean hasRecordAt(long offset) throws IOException {
        word.clear();
        return FileOps.readFully(peek, word, offset) == 8 && word.getLong(0) != 0;
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
                    // removed in between: not a file that has begun
                }
            }
        }
        return false;
    }

    private void closeFile() throws IOException {
        try {
            if (reader != null) {
                reader.close();
            }
        } finally {
            reader = null;
            if (peek != null) {
                peek.close();
                peek = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
