package io.timberlog.core.internal.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The Bloom filters of a segment of version 3 and later, in their own frame between the dictionary
 * and the index, mapped and checked on the first word test: a query that tests no words (a time range,
 * a level, a logger) never reads them. They are about a third of a segment's bytes, and reading them
 * all made opening a store's segments cost more than the rest of such a query.
 *
 * <p>A frame that cannot be read or fails its checks answers "maybe" for every word ({@link #bits()}
 * is {@code null}), so queries read every block and lose nothing; {@link #check()} reports why, for
 * {@code verify}. Thread-safe: the blocks of one segment are tested from several threads.
 */
final class BloomFrame {
    private final Path file;
    private final FileChannel channel;
    private final long offset;
    private final long end;
    /** Set, last, once the frame was read: what {@link #load} found is then seen by every thread without a lock. */
    private volatile boolean loaded;
    private ByteBuffer bits;
    private SegmentDamageException damage;
    private IOException failure;

    /** The frame at {@code [offset, end)} of {@code file}, read through {@code channel}. */
    BloomFrame(Path file, FileChannel channel, long offset, long end) {
        this.file = file;
        this.channel = channel;
        this.offset = offset;
        this.end = end;
    }

    /** Bytes the filters' bits take in the frame's payload, as the index says. */
    long payloadLength() {
        return end - offset - SegmentFormat.FRAME_HEADER_SIZE;
    }

    /**
     * The frame's payload, the filters' bits, mapped from the file (little-endian, read with absolute
     * gets only), or {@code null} when it cannot be read.
     */
    ByteBuffer bits() {
        if (!loaded) { // every word test asks: threads testing the blocks of one segment share no lock after the first
            load();
        }
        return bits;
    }

    /** Throws what made the frame unreadable, if anything did. */
    void check() throws IOException, SegmentDamageException {
        if (!loaded) {
            load();
        }
        if (failure != null) {
            throw failure;
        }
        if (damage != null) {
            throw damage;
        }
    }

    private synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            ByteBuffer payload = SegmentReader.mapFramePayload(channel, new CRC32C(), file, offset, end,
                    SegmentFormat.FRAME_BLOOM);
            if (payload.capacity() != payloadLength()) {
                throw new SegmentDamageException(file, offset, end, "Bloom filter frame of " + payload.capacity()
                        + " bytes, the index expects " + payloadLength());
            }
            bits = payload;
        } catch (SegmentDamageException e) {
            damage = e;
        } catch (IOException e) {
            failure = e;
        } finally {
            loaded = true;
        }
    }
}
