package io.timberlog.core.internal.segment;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.wal.SealReason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static io.timberlog.core.internal.segment.SegmentFormat.*;

/**
 * Writes one segment file ({@link SegmentFormat}) from events given in sequence order. The file is
 * written under a temporary name ({@code .tmp} appended), forced, and renamed into place by
 * {@link #finish}, so a file with a segment name is always complete. Memory is bounded by one block.
 *
 * <p>Not thread-safe.
 */
public final class SegmentWriter implements AutoCloseable {
    /** Suffix of a segment being written; such files are left only by a crash and are deleted at start. */
    public static final String TEMP_SUFFIX = ".tmp";

    private final Path target;
    private final Path temp;
    private final long segmentId;
    private final FileChannel channel;
    private final SegmentDictionary dictionary = SegmentDictionary.forWriting();
    private final RunTable runs = new RunTable();
    private final BlockEncoder block = new BlockEncoder(dictionary, runs);
    private final BlockCodec codec = new BlockCodec();
    private final CRC32C crc = new CRC32C();
    private final ByteSink payload = new ByteSink(1 << 16);
    private final ByteSink columns = new ByteSink(1 << 16);
    private final ByteSink frame = new ByteSink(1 << 16);
    private final List<BlockInfo> blocks = new ArrayList<>();
    private final List<Long> walIds = new ArrayList<>();
    private final List<SegmentInfo.ConversionDamage> damages = new ArrayList<>();
    private final List<SegmentInfo.WalSeal> seals = new ArrayList<>();
    private final long[] levelCounts = new long[Level.values().length];
    private long position;
    private long events;
    private long minSequence = Long.MAX_VALUE;
    private long maxSequence = Long.MIN_VALUE;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private boolean done;

    private SegmentWriter(Path target, long segmentId) throws IOException {
        this.target = target;
        this.temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        this.segmentId = segmentId;
        Files.deleteIfExists(temp);
        this.channel = FileOps.createNew(temp);
        byte[] header = new byte[HEADER_SIZE];
        Bytes.putLong(header, HEADER_MAGIC_OFFSET, MAGIC);
        Bytes.putShort(header, HEADER_VERSION_OFFSET, VERSION);
        Bytes.putShort(header, HEADER_SIZE_OFFSET, HEADER_SIZE);
        Bytes.putLong(header, HEADER_SEGMENT_ID_OFFSET, segmentId);
        writeWithCrc(header, HEADER_CRC_OFFSET);
    }

    /** Starts writing segment {@code segmentId} to {@code target} (under its temporary name until {@link #finish}). */
    public static SegmentWriter create(Path target, long segmentId) throws IOException {
        return new SegmentWriter(target, segmentId);
    }

    /** Records that the segment holds the events of WAL file {@code walId}. */
    public void addWalId(long walId) {
        walIds.add(walId);
    }

    /**
     * Records how source WAL file {@code walId} ended: sealed for {@code reason} at {@code epochNanos},
     * or, with a {@code null} reason, not sealed. Readers learn from it whether a run ended cleanly.
     */
    public void addSeal(long walId, SealReason reason, long epochNanos) {
        seals.add(new SegmentInfo.WalSeal(walId, reason, epochNanos));
    }

    /** Records a damaged range of a source WAL file, so that readers of the segment still report it. */
    public void addDamage(long walId, long start, long end, String detail) {
        damages.add(new SegmentInfo.ConversionDamage(walId, start, end, detail));
    }

    public long eventCount() {
        return events;
    }

    public void add(LogEvent event) throws IOException {
        block.add(event);
        events++;
        levelCounts[event.level().code()]++;
        minSequence = Math.min(minSequence, event.sequence());
        maxSequence = Math.max(maxSequence, event.sequence());
        minTime = Math.min(minTime, event.epochNanos());
        maxTime = Math.max(maxTime, event.epochNanos());
        if (block.eventCount() >= BLOCK_EVENTS || block.rawBytes() >= BLOCK_RAW_BYTES) {
            flushBlock();
        }
    }

    /** Compresses the block column by column and writes it as one frame. */
    private void flushBlock() throws IOException {
        if (block.eventCount() == 0) {
            return;
        }
        BlockSummary summary = block.finish();
        payload.clear();
        columns.clear();
        payload.varint(summary.events);
        payload.varint(BlockLayout.COLUMN_COUNT);
        long rawLength = 0;
        for (int i = 0; i < BlockLayout.COLUMN_COUNT; i++) {
            ByteSink column = block.column(i);
            int stored = codec.compress(column.array(), 0, column.size(), columns);
            payload.varint(column.size());
            payload.varint(stored);
            rawLength += column.size();
        }
        block.reset();
        payload.append(columns);
        long offset = position;
        int frameLength = writeFrame(FRAME_BLOCK, BlockCodec.DEFLATE, payload, (int) Math.min(rawLength,
                MAX_FRAME_LENGTH));
        blocks.add(summary.at(blocks.size(), offset, frameLength));
    }

    /** Writes a frame around {@code payload}; returns its length, header included. */
    private int writeFrame(int kind, int codecId, ByteSink payload, int rawLength) throws IOException {
        frame.clear();
        frame.i32(payload.size());
        frame.i32(rawLength);
        frame.u8(kind);
        frame.u8(codecId);
        frame.u8(0);
        frame.u8(0);
        crc.reset();
        crc.update(frame.array(), 0, FRAME_CRC_OFFSET);
        crc.update(payload.array(), 0, payload.size());
        frame.i32((int) crc.getValue());
        frame.append(payload);
        write(frame.array(), 0, frame.size());
        return frame.size();
    }

    /**
     * Writes a frame whose whole payload is compressed, or stored as is when that saves less than an
     * eighth: every reader of the segment inflates it on opening, for nothing when it barely shrinks (an
     * index of version 2 was mostly Bloom filters, which do not compress).
     */
    private long writeWholeFrame(int kind, ByteSink rawPayload) throws IOException {
        ByteSink stored = new ByteSink(rawPayload.size() / 2 + 64);
        int raw = rawPayload.size();
        int n = codec.compress(rawPayload.array(), 0, raw, stored);
        long offset = position;
        if (n > raw - raw / 8) {
            writeFrame(kind, BlockCodec.NONE, rawPayload, raw);
        } else {
            writeFrame(kind, BlockCodec.DEFLATE, stored, raw);
        }
        return offset;
    }

    /** Writes a fixed-size header or footer whose last 4 bytes are the CRC32C of the bytes before them. */
    private void writeWithCrc(byte[] b, int crcOffset) throws IOException {
        crc.reset();
        crc.update(b, 0, crcOffset);
        Bytes.putInt(b, crcOffset, (int) crc.getValue());
        write(b, 0, b.length);
    }

    private void write(byte[] b, int offset, int length) throws IOException {
        FileOps.writeFully(channel, ByteBuffer.wrap(b, offset, length), position);
        position += length;
    }

    /**
     * Writes the last block, the dictionary, the Bloom filters, the index and the footer, forces the file, and renames it
     * into place (forcing the directory). Returns what the segment holds. At least one event must
     * have been added.
     */
    public SegmentInfo finish() throws IOException {
        if (events == 0) {
            throw new IllegalStateException("a segment needs at least one event");
        }
        flushBlock();
        payload.clear();
        dictionary.writeTo(payload);
        long dictionaryOffset = writeWholeFrame(FRAME_DICTIONARY, payload);
        long[] wals = new long[walIds.size()];
        for (int i = 0; i < wals.length; i++) {
            wals[i] = walIds.get(i);
        }
        SegmentInfo info = new SegmentInfo(segmentId, events, minSequence, maxSequence, minTime, maxTime, levelCounts,
                wals, new ArrayList<>(runs.runs()), new ArrayList<>(damages), new ArrayList<>(seals));
        SegmentIndex index = new SegmentIndex(info, blocks);
        payload.clear();
        index.writeBloomFiltersTo(payload);
        writeFrame(FRAME_BLOOM, BlockCodec.NONE, payload, payload.size()); // random bits: deflate cannot shrink them
        payload.clear();
        index.writeTo(payload);
        long indexOffset = writeWholeFrame(FRAME_INDEX, payload);
        byte[] footer = new byte[FOOTER_SIZE];
        Bytes.putLong(footer, FOOTER_DICTIONARY_OFFSET, dictionaryOffset);
        Bytes.putLong(footer, FOOTER_INDEX_OFFSET, indexOffset);
        Bytes.putLong(footer, FOOTER_INDEX_END_OFFSET, position);
        Bytes.putShort(footer, FOOTER_VERSION_OFFSET, VERSION);
        Bytes.putLong(footer, FOOTER_MAGIC_OFFSET, FOOTER_MAGIC);
        writeWithCrc(footer, FOOTER_CRC_OFFSET);
        channel.force(true);
        channel.close();
        codec.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
        FileOps.forceDirectory(target.toAbsolutePath().getParent());
        done = true;
        return info;
    }

    /** Gives up: deletes the temporary file unless {@link #finish} completed. */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        codec.close();
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
