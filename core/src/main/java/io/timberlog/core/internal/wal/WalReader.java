package io.timberlog.core.internal.wal;

import io.timberlog.core.Damage;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.FileOps;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads the records of one WAL file with plain reads, never by mapping it, so that a writer's
 * rotation, a truncation or a damaged file can never crash the reading process. Works on sealed
 * files, on the live file of a running writer and on the file a crashed writer left.
 *
 * <p>Nothing read is trusted: a length is checked against the format's maximum and the file's end
 * before any buffer is sized by it, and a record counts only when its CRC matches. A run of zero
 * words is room not (yet) published; past it the reader looks for the next record, because another
 * thread may have published after a reservation that was never filled. Bytes that are neither zero
 * nor a valid record are reported as damage, and the reader resynchronizes on the next aligned
 * position that holds a valid record. A seal record ends the file.
 *
 * <p>Not thread-safe.
 */
public final class WalReader implements Closeable {
    private static final int CHUNK = 1 << 20;

    /** Receives what the reader finds, in file order. */
    public interface Visitor {
        /**
         * An intact, published record. {@code buf[offset..offset+length)} holds the whole record (header
         * included) and is valid only during the call.
         */
        void record(int type, long filePosition, byte[] buf, int offset, int length);

        /** A range that is not a valid record. */
        void damage(long start, long end, Damage.Kind kind, String detail);
    }

    /** Where a scan ended. */
    public static final class ScanEnd {
        /** Just past the last valid record: the next record of a live file will appear here. */
        public final long lastRecordEnd;
        /** True when a seal record was read: the file is complete. */
        public final boolean sealed;

        ScanEnd(long lastRecordEnd, boolean sealed) {
            this.lastRecordEnd = lastRecordEnd;
            this.sealed = sealed;
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer word = ByteBuffer.allocate(8);
    private long fileSize;
    private byte[] window = new byte[CHUNK];
    private long windowStart;
    private int windowLength;

    private WalReader(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.fileSize = channel.size();
    }

    public static WalReader open(Path path) throws IOException {
        return new WalReader(path, FileChannel.open(path, StandardOpenOption.READ));
    }

    public Path path() {
        return path;
    }

    /** Size of the file when opened or last rescanned. */
    public long fileSize() {
        return fileSize;
    }

    /**
     * Classifies the file's header. A zero header is taken for a preallocated file only when the rest
     * of the first read (up to a MiB) is zero too: records after it mean the header was lost (a zeroed
     * page), and the file is INVALID, so that its records are still read and reported.
     */
    public WalFileHeader.Status headerStatus() throws IOException {
        int n = fill(0, WalFormat.HEADER_SIZE);
        WalFileHeader.Status status = WalFileHeader.check(window, n);
        if (status != WalFileHeader.Status.EMPTY || !hasNonZeroWord(WalFormat.HEADER_SIZE, windowLength)) {
            return status;
        }
        // A writer that took the file over between the read of its start and the read of its records has
        // written its header first: read the header again before calling it lost.
        windowLength = 0;
        n = fill(0, WalFormat.HEADER_SIZE);
        status = WalFileHeader.check(window, n);
        return status == WalFileHeader.Status.EMPTY ? WalFileHeader.Status.INVALID : status;
    }

    /**
     * True when the whole file is zero: a preallocated file that never became current, which may be
     * deleted. Reads the whole file; for a writer's start and a conversion, not for every query.
     */
    public boolean isBlank() throws IOException {
        fileSize = channel.size();
        return headerStatus() == WalFileHeader.Status.EMPTY && nextNonZeroWord(WalFormat.HEADER_SIZE) < 0;
    }

    /** True when a word of the window in {@code [from, to)} (window offsets, from a multiple of 8) is not zero. */
    private boolean hasNonZeroWord(int from, int to) {
        for (int i = from; i + 8 <= to; i += 8) {
            if (Bytes.getLong(window, i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The header; only after {@link #headerStatus()} said VALID. */
    public WalFileHeader header() throws IOException {
        fill(0, WalFormat.HEADER_SIZE);
        return WalFileHeader.decode(window);
    }

    /**
     * True when the word at {@code offset} is not zero: a record has been published there (or is being
     * written). Costs one small read; lets a follower see that nothing new came without a scan.
     */
    public boolean hasRecordAt(long offset) throws IOException {
        word.clear();
        return FileOps.readFully(channel, word, offset) == 8 && word.getLong(0) != 0;
    }

    /**
     * Reads records from {@code from} (a record boundary, at least the header size) to the end of the
     * file or its seal, reporting each record and each damaged range to {@code visitor}.
     */
    public ScanEnd scan(long from, Visitor visitor) throws IOException {
        return scan(from, Long.MAX_VALUE, visitor);
    }

    /**
     * As {@link #scan(long, Visitor)}, but stops at the first record boundary at or past {@code stopAt}
     * that is not inside a damaged or unpublished range, so that a file can be read in bounded steps:
     * the returned {@link ScanEnd#lastRecordEnd} is where the next step starts. A step that ends before
     * {@code stopAt} (and is not sealed) reached the end of what the file holds so far.
     */
    public ScanEnd scan(long from, long stopAt, Visitor visitor) throws IOException {
        fileSize = channel.size();
        windowLength = 0;
        long p = Math.max(WalFormat.HEADER_SIZE, Bytes.align8(from));
        long lastRecordEnd = p;
        long regionStart = -1;
        Damage.Kind regionKind = null;
        String regionDetail = null;
        while (p + WalFormat.MIN_RECORD_LENGTH <= fileSize) {
            if (p >= stopAt && regionStart < 0) {
                return new ScanEnd(lastRecordEnd, false);
            }
            int available = fill(p, 8);
            if (available < 8) {
                break;
            }
            int length = Bytes.getInt(window, (int) (p - windowStart));
            if (length == 0) {
                // Not a record start (its CRC may already be there: a record being written has its length
                // published last), so look for the next record from the following word.
                long next = nextNonZeroWord(p + WalFormat.ALIGNMENT);
                if (next < 0) {
                    break;
                }
                if (regionStart < 0) {
                    regionStart = p;
                    regionKind = Damage.Kind.UNPUBLISHED;
                    regionDetail = "room reserved for a record that was never published";
                }
                p = next;
                continue;
            }
            if (isValidRecord(p, length, regionStart < 0)) {
                if (regionStart >= 0) {
                    visitor.damage(regionStart, p, regionKind, regionDetail);
                    regionStart = -1;
                }
                int at = (int) (p - windowStart);
                int type = window[at + WalFormat.RECORD_TYPE_OFFSET];
                visitor.record(type, p, window, at, length);
                p += Bytes.align8(length);
                lastRecordEnd = p;
                if (type == WalFormat.RECORD_SEAL) {
                    return new ScanEnd(lastRecordEnd, true);
                }
                continue;
            }
            if (regionStart < 0) {
                regionStart = p;
                regionKind = Damage.Kind.CORRUPT;
                regionDetail = describeInvalid(p, length);
            }
            p += WalFormat.ALIGNMENT;
        }
        if (regionStart >= 0) {
            visitor.damage(regionStart, Math.min(p, fileSize), regionKind, regionDetail);
        } else if (p < fileSize && p + WalFormat.MIN_RECORD_LENGTH > fileSize && hasNonZero(p, fileSize)) {
            visitor.damage(p, fileSize, Damage.Kind.CORRUPT, "file ends inside a record (truncated)");
        }
        return new ScanEnd(lastRecordEnd, false);
    }

    /**
     * True when a record of {@code length} at {@code p} is plausible and its CRC matches. A live file
     * read with read() can show a length before the bytes it publishes (the copy is not ordered), so
     * a mismatch outside a damaged region is read once more before it counts.
     */
    private boolean isValidRecord(long p, int length, boolean retry) throws IOException {
        if (length < WalFormat.MIN_RECORD_LENGTH || length > WalFormat.MAX_RECORD_LENGTH || p + length > fileSize) {
            return false;
        }
        if (fill(p, length) < length) {
            return false;
        }
        int at = (int) (p - windowStart);
        int type = window[at + WalFormat.RECORD_TYPE_OFFSET];
        if (type < WalFormat.RECORD_DICTIONARY || type > WalFormat.RECORD_SEAL) {
            return false;
        }
        if (crcMatches(at, length)) {
            return true;
        }
        if (!retry) {
            return false;
        }
        windowLength = 0; // force a fresh read
        if (fill(p, length) < length) {
            return false;
        }
        at = (int) (p - windowStart);
        return Bytes.getInt(window, at) == length && crcMatches(at, length);
    }

    private boolean crcMatches(int at, int length) {
        crc.reset();
        crc.update(window, at, 4);
        crc.update(window, at + WalFormat.RECORD_TYPE_OFFSET, length - WalFormat.RECORD_TYPE_OFFSET);
        return (int) crc.getValue() == Bytes.getInt(window, at + WalFormat.RECORD_CRC_OFFSET);
    }

    private String describeInvalid(long p, int length) {
        if (length < WalFormat.MIN_RECORD_LENGTH || length > WalFormat.MAX_RECORD_LENGTH) {
            return "invalid record length " + Integer.toUnsignedString(length);
        }
        if (p + length > fileSize) {
            return "record of " + length + " bytes runs past the end of the file (truncated)";
        }
        return "record checksum mismatch";
    }

    /** The first aligned position at or after {@code p} holding a non-zero word, or -1. */
    private long nextNonZeroWord(long p) throws IOException {
        long q = p;
        while (q + 8 <= fileSize) {
            if (fill(q, 8) < 8) {
                return -1;
            }
            int i = (int) (q - windowStart);
            int limit = windowLength - 7;
            for (; i < limit; i += 8) {
                if (Bytes.getLong(window, i) != 0) {
                    return windowStart + i;
                }
            }
            q = windowStart + i;
        }
        return -1;
    }

    private boolean hasNonZero(long from, long to) throws IOException {
        int n = fill(from, (int) (to - from));
        int at = (int) (from - windowStart);
        for (int i = 0; i < n; i++) {
            if (window[at + i] != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes {@code [p, p + length)} available in the window (as much of it as the file has) and returns
     * how many bytes of it are there.
     */
    private int fill(long p, int length) throws IOException {
        if (p >= windowStart && p + length <= windowStart + windowLength) {
            return length;
        }
        int size = Math.max(CHUNK, length);
        if (window.length < size) {
            window = new byte[size];
        }
        ByteBuffer dst = ByteBuffer.wrap(window, 0, (int) Math.min(window.length, Math.max(0, fileSize - p)));
        windowStart = p;
        windowLength = FileOps.readFully(channel, dst, p);
        return Math.min(length, windowLength);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
