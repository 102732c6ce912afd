package io.timberlog.core.internal.segment;

import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.io.ByteCursor;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.io.MalformedDataException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

import static io.timberlog.core.internal.segment.SegmentFormat.*;

/**
 * Reads a segment file: its summary, its block index, and its blocks one at a time, in any order.
 * This is the API the query engine builds on.
 *
 * <h2>How a query reads a segment</h2>
 * <ol>
 *   <li>{@link #open} reads the header, the footer, the dictionary and the index (small reads at the
 *       end of the file) and checks their checksums. The blocks are not read, nor, in a version 3
 *       segment, the Bloom filters until a word is first tested.</li>
 *   <li>{@link #info()} says what the whole segment holds (sequence and time range, levels, runs,
 *       source WAL ids): a query skips the segment when that cannot match.</li>
 *   <li>{@link #blocks()} lists the blocks in sequence order, each a {@link BlockInfo} with its
 *       sequence and time range, levels, the dictionary ids of its loggers, threads and templates,
 *       and a Bloom filter of its words. Resolve names to ids once per segment with
 *       {@link #dictionaryId} and test each block ({@link BlockFilter} combines the usual tests).
 *       To read newest first, walk the list backwards: blocks are independent.</li>
 *   <li>{@link #readBlock} reads one block's frame (one read), checks its CRC and returns a
 *       {@link DecodedBlock}, which inflates and decodes each column only when first asked for:
 *       filtering on time and level touches two small columns; {@link DecodedBlock#events()} builds
 *       the full events only for the blocks that get that far.</li>
 * </ol>
 *
 * <p>Damage is typed: any bytes that do not follow the format, wherever they are, make a method throw
 * {@link SegmentDamageException} with the damaged range; nothing else is thrown for bad bytes.
 * {@code IOException} means the file system failed. A damaged block does not affect the others.
 * A segment whose header, footer, dictionary or index is damaged cannot be opened: its blocks cannot
 * be found or decoded without them.
 *
 * <p>Reads with plain positional reads, never by mapping. Not thread-safe for {@link #readBlock}
 * (one channel, read positionally; give each thread its own reader); the returned {@link BlockInfo}s,
 * {@link SegmentInfo} and dictionary are immutable and may be shared.
 */
public final class SegmentReader implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final long segmentId;
    private final SegmentDictionary dictionary;
    private final SegmentIndex index;
    /** The Bloom frame of a version 3 segment; {@code null} before, when the filters are in the index. */
    private final BloomFrame blooms;
    private final CRC32C crc = new CRC32C();

    private SegmentReader(Path file, FileChannel channel, long fileSize, long segmentId, SegmentDictionary dictionary,
                          SegmentIndex index, BloomFrame blooms) {
        this.blooms = blooms;
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
        this.segmentId = segmentId;
        this.dictionary = dictionary;
        this.index = index;
    }

    /**
     * Opens a segment file and reads its index and dictionary.
     *
     * @throws SegmentDamageException when the header, footer, index or dictionary is damaged
     * @throws UnsupportedFormatException when the segment was written by a newer TimberLog
     */
    public static SegmentReader open(Path file) throws IOException, SegmentDamageException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        long size = -1;
        try {
            size = channel.size();
            if (size < HEADER_SIZE + FOOTER_SIZE) {
                throw new SegmentDamageException(file, 0, size, "too short for a segment (" + size + " bytes)");
            }
            byte[] header = read(channel, 0, HEADER_SIZE);
            if (Bytes.getLong(header, HEADER_MAGIC_OFFSET) != MAGIC) {
                throw new SegmentDamageException(file, 0, HEADER_SIZE, "not a segment file (bad magic)");
            }
            if (!crcMatches(header, HEADER_CRC_OFFSET)) {
                throw new SegmentDamageException(file, 0, HEADER_SIZE, "damaged segment header (checksum)");
            }
            int version = u16(header, HEADER_VERSION_OFFSET);
            if (version > VERSION) {
                throw new UnsupportedFormatException(file + " was written by a newer version of TimberLog");
            }
            if (version < 1 || u16(header, HEADER_SIZE_OFFSET) != HEADER_SIZE) {
                throw new SegmentDamageException(file, 0, HEADER_SIZE, "damaged segment header");
            }
            long segmentId = Bytes.getLong(header, HEADER_SEGMENT_ID_OFFSET);
            long footerAt = size - FOOTER_SIZE;
            byte[] footer = read(channel, footerAt, FOOTER_SIZE);
            if (Bytes.getLong(footer, FOOTER_MAGIC_OFFSET) != FOOTER_MAGIC || !crcMatches(footer, FOOTER_CRC_OFFSET)
                    || Bytes.getLong(footer, FOOTER_INDEX_END_OFFSET) != footerAt) {
                throw new SegmentDamageException(file, footerAt, size, "damaged or missing segment footer");
            }
            if (u16(footer, FOOTER_VERSION_OFFSET) > VERSION) {
                throw new UnsupportedFormatException(file + " was written by a newer version of TimberLog");
            }
            if (u16(footer, FOOTER_VERSION_OFFSET) != version) {
                throw new SegmentDamageException(file, footerAt, size, "segment footer says version "
                        + u16(footer, FOOTER_VERSION_OFFSET) + ", its header " + version);
            }
            long dictionaryAt = Bytes.getLong(footer, FOOTER_DICTIONARY_OFFSET);
            long indexAt = Bytes.getLong(footer, FOOTER_INDEX_OFFSET);
            if (dictionaryAt < HEADER_SIZE || indexAt <= dictionaryAt || indexAt >= footerAt) {
                throw new SegmentDamageException(file, footerAt, size, "segment footer points outside the file");
            }
            CRC32C crc = new CRC32C();
            Frame dict = readFrame(channel, crc, file, dictionaryAt, indexAt, FRAME_DICTIONARY);
            BloomFrame blooms = null;
            if (version >= 3) {
                // The Bloom frame fills the space between the dictionary and the index; read when first tested.
                if (indexAt - dict.end() < FRAME_HEADER_SIZE) {
                    throw new SegmentDamageException(file, dict.end(), indexAt, "no room for the Bloom filter frame");
                }
                blooms = new BloomFrame(file, channel, dict.end(), indexAt);
            }
            Frame idx = readFrame(channel, crc, file, indexAt, footerAt, FRAME_INDEX);
            try {
                SegmentDictionary dictionary = SegmentDictionary.read(cursor(dict.inflated(file)));
                SegmentIndex index = idx.storedAsIs()
                        ? SegmentIndex.read(idx.bytes, idx.payloadAt, idx.payloadAt + idx.storedLength, segmentId,
                                dictionaryAt, version, blooms)
                        : SegmentIndex.read(idx.inflated(file), segmentId, dictionaryAt, version, blooms);
                for (BlockInfo b : index.blocks) {
                    checkIds(file, idx, b, dictionary.size());
                }
                return new SegmentReader(file, channel, size, segmentId, dictionary, index, blooms);
            } catch (MalformedDataException e) {
                throw new SegmentDamageException(file, idx.offset, idx.end(), "segment index or dictionary: "
                        + e.getMessage());
            }
        } catch (SegmentDamageException e) {
            channel.close();
            throw wholeSegment(e, size);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Damage found on opening, as the range it costs: the whole file, since no block can be found or
     * decoded without the header, footer, dictionary and index. Reporting only the damaged part (a
     * footer's 40 bytes) would hide that every event of the segment is lost.
     */
    private static SegmentDamageException wholeSegment(SegmentDamageException e, long size) {
        if (e.start() == 0 && e.end() == size) {
            return e;
        }
        return new SegmentDamageException(e.file(), 0, size, e.detail() + " (bytes " + e.start() + ".." + e.end()
                + "): none of the segment's blocks can be read without it");
    }

    private static void checkIds(Path file, Frame idx, BlockInfo b, int dictionarySize) throws SegmentDamageException {
        for (int[] ids : new int[][] {b.summary().loggerIds, b.summary().threadIds, b.summary().templateIds}) {
            if (ids.length > 0 && ids[ids.length - 1] >= dictionarySize) {
                throw new SegmentDamageException(file, idx.offset, idx.end(), "block " + b.index()
                        + " names dictionary id " + ids[ids.length - 1] + " of " + dictionarySize);
            }
        }
    }

    public Path file() {
        return file;
    }

    public long fileSize() {
        return fileSize;
    }

    /** The id in the segment's header. */
    public long segmentId() {
        return segmentId;
    }

    public SegmentInfo info() {
        return index.info;
    }

    /** The blocks in sequence order. */
    public List<BlockInfo> blocks() {
        return Collections.unmodifiableList(index.blocks);
    }

    /** The blocks in reverse sequence order, newest first. */
    public List<BlockInfo> blocksNewestFirst() {
        List<BlockInfo> reversed = new ArrayList<>(index.blocks);
        Collections.reverse(reversed);
        return reversed;
    }

    public SegmentDictionary dictionary() {
        return dictionary;
    }

    /**
     * The id of a logger, thread, template or other dictionary string in this segment, for the
     * {@link BlockInfo} tests; -1 when the segment has no such string in its dictionary.
     */
    public int dictionaryId(String s) {
        return dictionary.find(s);
    }

    /**
     * Reads and checks the Bloom filters, which a segment of version 3 and later keeps in a frame of
     * their own that queries read on their first word test, and answer "maybe" for when it is damaged.
     *
     * @throws SegmentDamageException when that frame is damaged
     */
    public void checkBloomFilters() throws IOException, SegmentDamageException {
        if (blooms != null) {
            blooms.check();
        }
    }

    /** Reads and checks one block's frame; its columns are decoded as the caller asks for them. */
    public DecodedBlock readBlock(BlockInfo block) throws IOException, SegmentDamageException {
        Frame frame = readFrame(channel, crc, file, block.frameOffset(), block.frameOffset() + block.frameLength(),
                FRAME_BLOCK);
        return DecodedBlock.of(file, frame.bytes, frame.payloadAt, frame.offset, frame.codec, block, dictionary,
                index.info.runs());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A frame read from the file with its checksum verified. */
    static final class Frame {
        final long offset;
        final byte[] bytes;
        final int payloadAt;
        final int storedLength;
        final int rawLength;
        final int codec;

        Frame(long offset, byte[] bytes, int storedLength, int rawLength, int codec) {
            this.offset = offset;
            this.bytes = bytes;
            this.payloadAt = FRAME_HEADER_SIZE;
            this.storedLength = storedLength;
            this.rawLength = rawLength;
            this.codec = codec;
        }

        long end() {
            return offset + FRAME_HEADER_SIZE + storedLength;
        }

        /**
         * True when the payload is kept as it is (the writer stores a frame so when deflate does not make
         * it smaller, as it does not an index of Bloom filters): read in place, a copy would double the
         * memory a segment's opening touches.
         */
        boolean storedAsIs() {
            return storedLength == rawLength;
        }

        /** The payload decompressed as a whole (dictionary and index frames). */
        byte[] inflated(Path file) throws SegmentDamageException {
            try {
                return BlockCodec.decompress(codec, bytes, payloadAt, storedLength, rawLength, offset);
            } catch (MalformedDataException e) {
                throw new SegmentDamageException(file, offset, end(), e.getMessage());
            }
        }
    }

    /** Reads the frame of {@code kind} at {@code offset}, which must end by {@code limit}, and checks its CRC. */
    static Frame readFrame(FileChannel channel, CRC32C crc, Path file, long offset, long limit, int kind)
            throws IOException, SegmentDamageException {
        byte[] header = readFrameHeader(channel, file, offset, limit, kind);
        int stored = Bytes.getInt(header, FRAME_STORED_LENGTH_OFFSET);
        byte[] bytes = new byte[FRAME_HEADER_SIZE + stored];
        System.arraycopy(header, 0, bytes, 0, FRAME_HEADER_SIZE);
        if (FileOps.readFully(channel, ByteBuffer.wrap(bytes, FRAME_HEADER_SIZE, stored), offset + FRAME_HEADER_SIZE)
                < stored) {
            throw new SegmentDamageException(file, offset, limit, "file ends inside a frame");
        }
        checkCrc(crc, file, offset, header, ByteBuffer.wrap(bytes, FRAME_HEADER_SIZE, stored));
        return new Frame(offset, bytes, stored, Bytes.getInt(header, FRAME_RAW_LENGTH_OFFSET),
                bytes[FRAME_CODEC_OFFSET] & 0xFF);
    }

    /**
     * The payload of the frame at {@code offset}, mapped from the file rather than read: for a large
     * frame of which a query touches a few bytes here and there (the Bloom filters), mapping saves
     * zeroing an array and copying the bytes twice. Checked as {@link #readFrame} checks a frame; the
     * file must hold the whole frame before it is mapped. Returns the payload, little-endian.
     */
    static ByteBuffer mapFramePayload(FileChannel channel, CRC32C crc, Path file, long offset, long limit, int kind)
            throws IOException, SegmentDamageException {
        byte[] header = readFrameHeader(channel, file, offset, limit, kind);
        int stored = Bytes.getInt(header, FRAME_STORED_LENGTH_OFFSET);
        if (channel.size() < offset + FRAME_HEADER_SIZE + stored) {
            throw new SegmentDamageException(file, offset, limit, "file ends inside a frame");
        }
        ByteBuffer payload = channel.map(FileChannel.MapMode.READ_ONLY, offset + FRAME_HEADER_SIZE, stored)
                .order(ByteOrder.LITTLE_ENDIAN);
        checkCrc(crc, file, offset, header, payload.duplicate());
        int raw = Bytes.getInt(header, FRAME_RAW_LENGTH_OFFSET);
        if (raw != stored) {
            throw new SegmentDamageException(file, offset, offset + FRAME_HEADER_SIZE + stored, "frame of kind "
                    + kind + " has " + stored + " bytes stored for " + raw + ": it must be stored as is");
        }
        return payload;
    }

    private static byte[] readFrameHeader(FileChannel channel, Path file, long offset, long limit, int kind)
            throws IOException, SegmentDamageException {
        if (offset < HEADER_SIZE || limit - offset < FRAME_HEADER_SIZE) {
            throw new SegmentDamageException(file, offset, limit, "frame header out of place");
        }
        byte[] header = read(channel, offset, FRAME_HEADER_SIZE);
        int stored = Bytes.getInt(header, FRAME_STORED_LENGTH_OFFSET);
        int raw = Bytes.getInt(header, FRAME_RAW_LENGTH_OFFSET);
        if (stored < 0 || raw < 0 || stored > MAX_FRAME_LENGTH || raw > MAX_FRAME_LENGTH
                || offset + FRAME_HEADER_SIZE + stored > limit) {
            throw new SegmentDamageException(file, offset, limit, "invalid frame length " + Integer.toUnsignedString(stored));
        }
        if (header[FRAME_KIND_OFFSET] != kind) {
            throw new SegmentDamageException(file, offset, offset + FRAME_HEADER_SIZE + stored, "frame of kind "
                    + header[FRAME_KIND_OFFSET] + " where kind " + kind + " was expected");
        }
        return header;
    }

    /** Checks the CRC32C of a frame: over its header up to the CRC field, then its payload. */
    private static void checkCrc(CRC32C crc, Path file, long offset, byte[] header, ByteBuffer payload)
            throws SegmentDamageException {
        int stored = payload.remaining();
        crc.reset();
        crc.update(header, 0, FRAME_CRC_OFFSET);
        crc.update(payload);
        int storedCrc = Bytes.getInt(header, FRAME_CRC_OFFSET);
        if ((int) crc.getValue() != storedCrc) {
            throw new SegmentDamageException(file, offset, offset + FRAME_HEADER_SIZE + stored, String.format(
                    "frame checksum mismatch (stored %08x, computed %08x)", storedCrc, (int) crc.getValue()));
        }
    }

    private static ByteCursor cursor(byte[] payload) {
        return new ByteCursor().reset(payload, 0, payload.length, 0);
    }

    private static byte[] read(FileChannel channel, long offset, int length) throws IOException {
        byte[] b = new byte[length];
        FileOps.readFully(channel, ByteBuffer.wrap(b), offset);
        return b;
    }

    private static boolean crcMatches(byte[] b, int crcOffset) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, crcOffset);
        return (int) crc.getValue() == Bytes.getInt(b, crcOffset);
    }

    private static int u16(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }
}
