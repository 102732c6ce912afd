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
import java.util.List;
import java.util.function.Consumer;

/**
 * Follows the WAL of one store as a writer appends to it, also across rotations: each poll reads what
 * was published since the last one, with plain reads. A poll that finds nothing new costs two small
 * reads: the word where the next record will appear is still zero. The whole rest of the file is
 * scanned at most every {@link #FULL_SCAN_NANOS} as well, because a record can be published after a
 * later one. Not thread-safe.
 */
public final class WalTail implements Closeable {
    static final long FULL_SCAN_NANOS = 1_000_000_000L;

    private final Path store;
    private final EventFilter filter;
    private long walId;
    private long startOffset;
    private WalReader reader;
    private FileChannel peek;
    private WalRecordVisitor visitor;
    private long position;
    private long lastFullScan;
    private final ByteBuffer word = ByteBuffer.allocate(8);

    /** Follows {@code store} from {@code from}. */
    public WalTail(Path store, WalPosition from, EventFilter filter) {
        this.store = store;
        this.filter = filter;
        this.walId = from.walId;
        this.startOffset = from.offset;
    }

    /** Adds the matching events published since the last poll to {@code out}, oldest first. */
    public void poll(List<LogEvent> out, Consumer<Damage> damages) throws IOException {
        while (true) {
            if (reader == null && !openNext()) {
                return;
            }
            long now = System.nanoTime();
            boolean newer = newerFileStarted();
            if (!newer && !hasRecordAt(position) && now - lastFullScan < FULL_SCAN_NANOS) {
                return;
            }
            lastFullScan = now;
            visitor.eventsTo(out).damagesTo(damages);
            WalReader.ScanEnd end = reader.scan(position, visitor);
            position = end.lastRecordEnd;
            if (!end.sealed && !newer) {
                return;
            }
            // sealed, or given up by its writer (a newer file is in use): go on with the next file
            closeFile();
            walId++;
            startOffset = WalFormat.HEADER_SIZE;
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
                lastFullScan = 0;
                return true;
            } catch (NoSuchFileException e) {
                closeFile();
                walId = id + 1; // removed since listed (converted); go on with the next
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
