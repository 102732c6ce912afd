package io.timberlog.core.internal.wal;

import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.io.Mapping;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A WAL file that is (or was) the current one, mapped into memory. Appending threads write straight
 * into the mapping, which is the page cache: once a record is published it survives the death of the
 * process, whatever kills it.
 *
 * <p>Many threads append without a lock. A thread reserves room with one atomic add on
 * {@link #tail}, which packs the number of events reserved so far (high 28 bits, giving each event
 * its sequence number) and the next free offset (low 36 bits); it then writes its record and
 * publishes it by writing the length last. The thread whose reservation first crosses the capacity
 * writes the seal record where its own record would have gone and hands the file over; later
 * reservations see the overflow and touch nothing. A close ends the reservations the same way, but
 * writes its seal only once the records reserved before it are published ({@link #endReservations}).
 * So once every reservation below the seal is published, no thread will write to the mapping again
 * and it can be unmapped.
 *
 * <p>Thread-safe.
 */
final class ActiveWal {
    static final int COUNT_SHIFT = 36;
    static final long OFFSET_MASK = (1L << COUNT_SHIFT) - 1;
    static final long ONE_EVENT = 1L << COUNT_SHIFT;
    /** Returned by {@link #reserve} when the file has no room: it is sealed, or being sealed. */
    static final long FULL = -1;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Told when this file has been sealed, by the thread that sealed it. */
    interface SealListener {
        void sealed(ActiveWal wal, SealReason reason);
    }

    private final long walId;
    private final long baseSequence;
    private final Path path;
    private final Mapping mapping;
    private final ByteBuffer buffer;
    private final int capacity;
    private final AtomicLong tail = new AtomicLong(WalFormat.HEADER_SIZE);
    private final WalDictionary dictionary = new WalDictionary();
    /**
     * Cleared once called: every appending thread's encoder keeps the file it wrote to last, and a file
     * kept that way must not keep the writer that sealed it, with all the writer holds, reachable after
     * it closed (when encoders were kept in a ThreadLocal, this listener made the entry's weak key
     * strongly reachable from its own value, and a closed writer was never collected).
     */
    private volatile SealListener sealListener;
    private final WalIo io;

    private volatile long sealPosition = -1;
    private volatile long sealedEventCount;
    private volatile boolean unmapped;
    private volatile boolean abandoned;
    /** Start of what the next force covers; used by the flusher thread only. */
    private int forcedUpTo;
    private static final int FORCE_GRANULE = 4096;
    /** How far {@link #isQuiescent} found every record published; used by the flusher thread only. */
    private long quiescentUpTo = WalFormat.HEADER_SIZE;

    ActiveWal(long walId, long baseSequence, Path path, Mapping mapping, SealListener sealListener, WalIo io) {
        this.walId = walId;
        this.baseSequence = baseSequence;
        this.path = path;
        this.mapping = mapping;
        this.buffer = mapping.buffer();
        this.capacity = buffer.capacity() - WalFormat.SEAL_RESERVE;
        this.sealListener = sealListener;
        this.io = io;
    }

    long walId() {
        return walId;
    }

    long baseSequence() {
        return baseSequence;
    }

    Path path() {
        return path;
    }

    WalDictionary dictionary() {
        return dictionary;
    }

    int fileSize() {
        return buffer.capacity();
    }

    /** A view of the mapping for one thread's bulk writes (a buffer's position is not thread-safe). */
    ByteBuffer newView() {
        return buffer.duplicate();
    }

    /**
     * Reserves {@code alignedLength} bytes. Returns the packed tail before the reservation (offset in the
     * low bits, events reserved before this one in the high bits), or {@link #FULL}. When this reservation
     * is the first not to fit, this thread seals the file for {@code reason} before returning FULL.
     */
    long reserve(int alignedLength, boolean event, SealReason reason) {
        if ((tail.get() & OFFSET_MASK) > capacity) {
            return FULL; // sealed: don't push the tail further
        }
        long old = tail.getAndAdd(event ? ONE_EVENT + alignedLength : alignedLength);
        long offset = old & OFFSET_MASK;
        if (offset + alignedLength <= capacity) {
            return old;
        }
        if (offset <= capacity) {
            seal(offset, old >>> COUNT_SHIFT, reason);
        }
        return FULL;
    }

    /**
     * Gives the file up without writing to it again (writing into it failed): every later reservation
     * fails, and readers see its records up to where writing stopped.
     */
    void abandon() {
        abandoned = true;
        tail.getAndAdd(capacity + WalFormat.ALIGNMENT);
    }

    boolean isAbandoned() {
        return abandoned;
    }

    /** Seals the file now, for a reason other than being full; false when it was already sealed. */
    boolean forceSeal(SealReason reason) {
        long end = endReservations();
        if (end == FULL) {
            return false;
        }
        sealAt(end, reason);
        return true;
    }

    /**
     * The first half of {@link #forceSeal}: makes every later reservation fail, without writing the seal
     * yet, so that the caller can wait for the records reserved before it. Returns the packed tail where
     * the seal goes (as {@link #reserve} returns it), or {@link #FULL} when another thread sealed the
     * file, is sealing it or gave it up. The caller must then call {@link #sealAt}: nobody else will.
     */
    long endReservations() {
        if ((tail.get() & OFFSET_MASK) > capacity) {
            return FULL;
        }
        long old = tail.getAndAdd(capacity + WalFormat.ALIGNMENT);
        return (old & OFFSET_MASK) > capacity ? FULL : old;
    }

    /** Writes the seal where {@link #endReservations} returned, and hands the file over. */
    void sealAt(long end, SealReason reason) {
        seal(end & OFFSET_MASK, end >>> COUNT_SHIFT, reason);
    }

    /**
     * Copies {@code record[4..length)} (CRC and body) to {@code offset} through this thread's
     * {@code view}, then publishes the record by writing its length with release semantics, so that
     * a reader that sees the length also sees the bytes.
     */
    void publish(ByteBuffer view, long offset, byte[] record, int length) {
        int p = (int) offset;
        view.position(p + WalFormat.RECORD_CRC_OFFSET);
        view.put(record, WalFormat.RECORD_CRC_OFFSET, length - WalFormat.RECORD_CRC_OFFSET);
        try {
            INT.setRelease(buffer, p, length);
        } catch (IllegalStateException e) {
            // JDK 22+ (a shared Arena, see Mapping): once every record below the seal is published, this
            // one included, the flusher may unmap the file while this thread is still inside the JDK's
            // write method, and Arena.close() makes it throw "Already closed" after the write was made.
            // The record is published: failing here would make the caller store the event twice.
            if (!unmapped) {
                throw e;
            }
        }
    }

    private void seal(long offset, long eventCount, SealReason reason) {
        byte[] record = SealRecord.encode(eventCount, System.currentTimeMillis() * 1_000_000L, reason);
        publish(buffer.duplicate(), offset, record, record.length);
        sealedEventCount = eventCount;
        sealPosition = offset;
        SealListener listener = sealListener;
        sealListener = null;
        listener.sealed(this, reason);
    }

    /** Fills in the length and CRC of a record whose type and body are in place. */
    static void finish(byte[] record, int length) {
        Bytes.putInt(record, WalFormat.RECORD_LENGTH_OFFSET, length);
        CRC32C crc = new CRC32C();
        crc.update(record, 0, 4);
        crc.update(record, WalFormat.RECORD_TYPE_OFFSET, length - WalFormat.RECORD_TYPE_OFFSET);
        Bytes.putInt(record, WalFormat.RECORD_CRC_OFFSET, (int) crc.getValue());
    }

    boolean isSealed() {
        return sealPosition >= 0;
    }

    /** Offset of the seal record, or -1 while the file is open. */
    long sealPosition() {
        return sealPosition;
    }

    /** Events in the file, once sealed. */
    long sealedEventCount() {
        return sealedEventCount;
    }

    /** Events reserved so far (some may still be being written). */
    long reservedEventCount() {
        long t = tail.get();
        return isSealed() ? sealedEventCount : t >>> COUNT_SHIFT;
    }

    /** Offset of the next reservation, capped at the capacity. */
    long reservedOffset() {
        return Math.min(tail.get() & OFFSET_MASK, capacity);
    }

    /** Length of the record at {@code offset} as published (0 while unpublished). */
    int publishedLength(long offset) {
        return (int) INT.getAcquire(buffer, (int) offset);
    }

    byte byteAt(long offset) {
        return buffer.get((int) offset);
    }

    long longAt(long offset) {
        return (long) LONG.get(buffer, (int) offset);
    }

    /**
     * Follows published records from {@code fromOffset} (a record boundary) up to {@code limit} and
     * returns where publication stops: at the first record still being written, or at {@code limit}.
     */
    long publishedUpTo(long fromOffset, long limit) {
        long p = fromOffset;
        while (p + WalFormat.MIN_RECORD_LENGTH <= limit) {
            int length = publishedLength(p);
            if (length < WalFormat.MIN_RECORD_LENGTH || p + length > buffer.capacity()) {
                break;
            }
            p += Bytes.align8(length);
        }
        return Math.min(p, limit);
    }

    /**
     * True when the file is sealed and every record before the seal is published: nobody writes to it
     * again. Remembers how far it got, so that waiting for the last writers costs a walk of the file once.
     */
    boolean isQuiescent() {
        long seal = sealPosition;
        if (seal < 0) {
            return false;
        }
        quiescentUpTo = publishedUpTo(quiescentUpTo, seal);
        return quiescentUpTo == seal;
    }

    /**
     * Forces what was written since the last force to disk; throws what the JDK throws when that fails.
     * Everything published before the call is covered: the range reaches the reservation tail.
     */
    void force() {
        if (unmapped) {
            return;
        }
        long seal = sealPosition;
        long reserved = tail.get() & OFFSET_MASK;
        // Reservations ended but no seal yet: it is still to be written (a close waits for the appends under
        // way first), below the capacity this force reaches, so the next force starts where this one did.
        boolean sealPending = seal < 0 && reserved > capacity;
        int to = (int) (seal >= 0 ? Math.min(buffer.capacity(), seal + WalFormat.SEAL_RESERVE)
                : Math.min(reserved, capacity));
        int from = forcedUpTo;
        if (to > from) {
            io.force(mapping, from, to);
            if (!sealPending) {
                forcedUpTo = to & ~(FORCE_GRANULE - 1); // the last, partly written page is forced again next time
            }
        }
    }

    /**
     * Writes the file's bytes up to the end of its seal record to {@code channel}, from the mapping: what
     * the file held, also once it was deleted (a mapping outlives its directory entry). Only for a
     * quiescent file, before {@link #retire}.
     */
    void copyTo(FileChannel channel) throws IOException {
        ByteBuffer bytes = buffer.duplicate();
        bytes.position(0).limit((int) Math.min(buffer.capacity(), sealPosition + Bytes.align8(SealRecord.LENGTH)));
        FileOps.writeFully(channel, bytes, 0);
    }

    /**
     * True once the flusher released the mapping, which it does only when the file was quiescent: every
     * record reserved in it was published. Lets another thread learn that without reading the mapping,
     * which may be gone by then.
     */
    boolean isReleased() {
        return unmapped;
    }

    /**
     * Releases the mapping and the dictionary. Only for a quiescent file, from the one thread that
     * forces files, so no access can follow.
     */
    void retire() {
        dictionary.clear();
        if (isQuiescent() && !unmapped) {
            unmapped = true;
            mapping.unmap();
        }
    }
}
