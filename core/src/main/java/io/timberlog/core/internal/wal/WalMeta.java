package io.timberlog.core.internal.wal;

import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.NumberedFileName;
import io.timberlog.core.internal.io.FileOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * {@code wal.meta}: which WAL file is current and how far it is published, as of the last update.
 * It is a hint that saves readers and recovery a scan, never the truth: everything it says is checked
 * against the WAL files themselves, and a missing or damaged meta only costs time.
 *
 * <p>The file holds two 64-byte slots written alternately, so a torn write damages at most the slot
 * being written and the other one still holds the previous state; a reader takes the valid slot with
 * the higher generation.
 *
 * <pre>
 * slot (64 bytes; slot g % 2 at offset 64 * (g % 2)):
 *   0  8  magic          "TLWMETA\0"
 *   8  2  version        1
 *  10  6  reserved       0
 *  16  8  generation     increases with every write
 *  24  8  wal id         the current WAL file
 *  32  8  offset         every record of that file below this offset is published
 *  40  8  next sequence  sequence number the next event after that offset gets
 *  48  8  updated        epoch nanoseconds
 *  56  4  reserved       0
 *  60  4  CRC32C of bytes 0..60
 * </pre>
 *
 * <p>Written by the store's flusher thread only; reading is thread-safe.
 */
public final class WalMeta {
    public static final long MAGIC = 0x004154454D574C54L; // "TLWMETA\0"
    public static final int VERSION = 1;
    public static final int SLOT_SIZE = 64;
    private static final int GENERATION_OFFSET = 16;
    private static final int WAL_ID_OFFSET = 24;
    private static final int PUBLISHED_OFFSET = 32;
    private static final int NEXT_SEQUENCE_OFFSET = 40;
    private static final int UPDATED_OFFSET = 48;
    private static final int CRC_OFFSET = 60;
    /**
     * Beyond the sequence numbers and generations any store reaches (2^62 events at ten million a second
     * take 14,000 years): a slot that names one was not made by a writer, and trusting it would make the
     * counters overflow.
     */
    private static final long MAX_COUNT = 1L << 62;

    /** One state of the meta file. */
    public static final class State {
        public final long generation;
        public final long walId;
        public final long publishedOffset;
        public final long nextSequence;
        public final long updatedEpochNanos;

        public State(long generation, long walId, long publishedOffset, long nextSequence, long updatedEpochNanos) {
            this.generation = generation;
            this.walId = walId;
            this.publishedOffset = publishedOffset;
            this.nextSequence = nextSequence;
            this.updatedEpochNanos = updatedEpochNanos;
        }
    }

    private final Path file;
    private final ByteBuffer slot = ByteBuffer.allocate(SLOT_SIZE);
    private FileChannel channel;
    private long generation;

    private WalMeta(Path file, FileChannel channel, long generation) {
        this.file = file;
        this.channel = channel;
        this.generation = generation;
    }

    /** Opens (creating it when missing) the meta file of a store for writing. */
    public static WalMeta openForWriting(Path store) throws IOException {
        Path file = store.resolve(WalFiles.META);
        State last = read(store);
        FileChannel channel = FileOps.openOrCreate(file);
        return new WalMeta(file, channel, last == null ? 0 : last.generation);
    }

    /** Records a new state; {@code force} makes it survive a power loss. */
    public void write(long walId, long publishedOffset, long nextSequence, boolean force) throws IOException {
        long g = ++generation;
        byte[] b = slot.array();
        java.util.Arrays.fill(b, (byte) 0);
        Bytes.putLong(b, 0, MAGIC);
        Bytes.putShort(b, 8, VERSION);
        Bytes.putLong(b, GENERATION_OFFSET, g);
        Bytes.putLong(b, WAL_ID_OFFSET, walId);
        Bytes.putLong(b, PUBLISHED_OFFSET, publishedOffset);
        Bytes.putLong(b, NEXT_SEQUENCE_OFFSET, nextSequence);
        Bytes.putLong(b, UPDATED_OFFSET, System.currentTimeMillis() * 1_000_000L);
        Bytes.putInt(b, CRC_OFFSET, crc(b));
        slot.clear();
        FileChannel ch = openChannel();
        FileOps.writeFully(ch, slot, (g % 2) * SLOT_SIZE);
        if (force) {
            ch.force(false);
        }
    }

    /** Makes the last state written survive a power loss. */
    public void force() throws IOException {
        openChannel().force(false);
    }

    /**
     * The channel, opened again when it was closed under us: an interrupt of the thread that used it closes
     * a FileChannel for good (ClosedByInterruptException), and a wal.meta left unwritten for the rest of the
     * run falls behind the manifest, which makes the next run reuse the ids of converted WAL files. The write
     * that met the interrupt fails; the next one goes through.
     */
    private FileChannel openChannel() throws IOException {
        if (!channel.isOpen()) {
            channel = FileOps.openOrCreate(file);
        }
        return channel;
    }

    public void close() throws IOException {
        channel.close();
    }

    /** The newest valid state of a store's meta file, or {@code null} when there is none. */
    public static State read(Path store) throws IOException {
        byte[] b;
        try {
            b = readPrefix(store.resolve(WalFiles.META), 2 * SLOT_SIZE);
        } catch (NoSuchFileException e) {
            return null;
        }
        State best = null;
        for (int s = 0; s + SLOT_SIZE <= b.length; s += SLOT_SIZE) {
            State state = decode(b, s);
            if (state != null && (best == null || state.generation > best.generation)) {
                best = state;
            }
        }
        return best;
    }

    /** True when the store's meta file names a format version newer than this code reads. */
    public static boolean isNewerVersion(Path store) throws IOException {
        byte[] b;
        try {
            b = readPrefix(store.resolve(WalFiles.META), 2 * SLOT_SIZE);
        } catch (NoSuchFileException e) {
            return false;
        }
        for (int s = 0; s + SLOT_SIZE <= b.length; s += SLOT_SIZE) {
            if (Bytes.getLong(b, s) == MAGIC && (b[s + 8] & 0xFF | (b[s + 9] & 0xFF) << 8) > VERSION) {
                return true;
            }
        }
        return false;
    }

    private static byte[] readPrefix(Path file, int max) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(max);
            int n = FileOps.readFully(ch, buf, 0);
            return java.util.Arrays.copyOf(buf.array(), n);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) { // "Is a directory" names no file: say which
            throw new FileSystemException(file.toString(), null, e.getMessage());
        }
    }

    /** True when a slot can carry these values; readers take one with others for damage. */
    public static boolean canRecord(long walId, long nextSequence) {
        return walId >= 0 && walId <= NumberedFileName.MAX_NUMBER && nextSequence >= 0 && nextSequence <= MAX_COUNT;
    }

    private static State decode(byte[] b, int at) {
        byte[] s = java.util.Arrays.copyOfRange(b, at, at + SLOT_SIZE);
        if (Bytes.getLong(s, 0) != MAGIC || Bytes.getInt(s, CRC_OFFSET) != crc(s)) {
            return null;
        }
        if ((s[8] & 0xFF | (s[9] & 0xFF) << 8) != VERSION) {
            return null;
        }
        long generation = Bytes.getLong(s, GENERATION_OFFSET);
        long walId = Bytes.getLong(s, WAL_ID_OFFSET);
        long published = Bytes.getLong(s, PUBLISHED_OFFSET);
        long nextSequence = Bytes.getLong(s, NEXT_SEQUENCE_OFFSET);
        // The checksum proves the slot whole, not that a writer made it: values out of range make it invalid.
        if (generation < 0 || generation > MAX_COUNT || !canRecord(walId, nextSequence) || published < 0) {
            return null;
        }
        return new State(generation, walId, published, nextSequence,
                Bytes.getLong(s, UPDATED_OFFSET));
    }

    private static int crc(byte[] slotBytes) {
        CRC32C crc = new CRC32C();
        crc.update(slotBytes, 0, CRC_OFFSET);
        return (int) crc.getValue();
    }

    /** True when {@code store} has a meta file; used to tell a store from another directory. */
    public static boolean exists(Path store) {
        return Files.isRegularFile(store.resolve(WalFiles.META));
    }
}
