package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.ValueKind;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.Varint;
import io.timberlog.core.internal.io.Wtf8;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.CRC32C;

import static io.timberlog.core.internal.wal.EventLayout.*;

/**
 * Turns a {@link CapturedEvent} into an event record and appends it to a WAL file. One per thread
 * (lent to a virtual thread for one append, see {@link io.timberlog.core.PerThread}), and one per depth
 * of appends nested in its encoding (an argument it renders may log: {@link io.timberlog.core.Nesting}):
 * it owns a scratch buffer, a CRC and a view of the current mapping, so that in steady state an append
 * allocates nothing. The record is encoded first (dictionary strings are defined on the way), then room
 * is reserved, the sequence number patched in, the CRC computed, and the record published.
 *
 * <p>An event larger than the maximum event size is encoded again with tighter limits (see
 * {@link Limits}) and flagged as truncated, so that an append always stores something.
 *
 * <p>Not thread-safe: used by one thread at a time.
 */
final class EventEncoder {
    /** How many encoders were built: the tests check that virtual threads reuse them. */
    private static final AtomicInteger BUILT = new AtomicInteger();

    /** Buffers grown past this by one huge event are given back after it. */
    private static final int RETAINED_BUFFER = 64 << 10;

    /** How much of an event is kept at each truncation level. */
    private static final class Limits {
        final int maxStringBytes;
        final int maxItems;
        final int maxFrames;
        final int maxDepth;

        Limits(int maxStringBytes, int maxItems, int maxFrames, int maxDepth) {
            this.maxStringBytes = maxStringBytes;
            this.maxItems = maxItems;
            this.maxFrames = maxFrames;
            this.maxDepth = maxDepth;
        }
    }

    /** Thrown (preallocated, without a stack trace) when an encoding attempt exceeds the maximum size. */
    private static final RuntimeException TOO_LARGE = new RuntimeException("event too large", null, false, false) {
    };

    private final int maxEventSize;
    private final Limits[] levels;
    private final CRC32C crc = new CRC32C();
    private final byte[] dictionaryRecord = new byte[WalFormat.RECORD_BODY_OFFSET + 2 * Varint.MAX_LENGTH
            + 3 * WalDictionary.MAX_CHARS];
    private final Function<String, Integer> definer = this::define;

    private static final int ID_CACHE_SIZE = 32;
    private final String[] cachedStrings = new String[ID_CACHE_SIZE];
    private final int[] cachedIds = new int[ID_CACHE_SIZE];
    private WalDictionary cachedDictionary;

    private byte[] buf = new byte[1024];
    private int pos;
    private Limits limits;
    private boolean truncated;
    private ActiveWal target;
    private ActiveWal viewOwner;
    private ByteBuffer view;

    EventEncoder(int maxEventSize) {
        BUILT.incrementAndGet();
        this.maxEventSize = maxEventSize;
        this.levels = new Limits[] {
            new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, MAX_THROWABLE_DEPTH),
            new Limits(maxEventSize / 16, 1024, 1024, 32),
            // Small enough that any event fits in the smallest allowed maximum size (64 KiB).
            new Limits(256, 16, 16, 4),
        };
    }

    static int built() {
        return BUILT.get();
    }

    /**
     * Appends {@code event} to {@code wal}. Returns its sequence number, or -1 when the file is full (it
     * has been or is being sealed: the caller retries with the next file).
     */
    long append(CapturedEvent event, ActiveWal wal) {
        int length = encode(event, wal);
        long reserved = wal.reserve((int) Bytes.align8(length), true, SealReason.FULL);
        if (reserved == ActiveWal.FULL) {
            return -1;
        }
        long sequence = wal.baseSequence() + (reserved >>> ActiveWal.COUNT_SHIFT);
        Bytes.putLong(buf, SEQUENCE_OFFSET, sequence);
        publish(wal, reserved & ActiveWal.OFFSET_MASK, buf, length);
        if (buf.length > RETAINED_BUFFER) {
            buf = new byte[RETAINED_BUFFER];
        }
        return sequence;
    }

    /**
     * Appends a record of another type with a body of fixed bytes (e.g. the run end); returns false when
     * the file is full.
     */
    boolean appendControl(ActiveWal wal, int type, byte[] body, SealReason reasonIfFull) {
        int length = WalFormat.RECORD_BODY_OFFSET + body.length;
        byte[] record = new byte[length];
        record[WalFormat.RECORD_TYPE_OFFSET] = (byte) type;
        System.arraycopy(body, 0, record, WalFormat.RECORD_BODY_OFFSET, body.length);
        long reserved = wal.reserve((int) Bytes.align8(length), false, reasonIfFull);
        if (reserved == ActiveWal.FULL) {
            return false;
        }
        publish(wal, reserved & ActiveWal.OFFSET_MASK, record, length);
        return true;
    }

    private void publish(ActiveWal wal, long offset, byte[] record, int length) {
        Bytes.putInt(record, WalFormat.RECORD_LENGTH_OFFSET, length);
        crc.reset();
        crc.update(record, 0, 4);
        crc.update(record, WalFormat.RECORD_TYPE_OFFSET, length - WalFormat.RECORD_TYPE_OFFSET);
        Bytes.putInt(record, WalFormat.RECORD_CRC_OFFSET, (int) crc.getValue());
        if (viewOwner != wal) {
            view = wal.newView();
            viewOwner = wal;
        }
        wal.publish(view, offset, record, length);
    }

    /** Encodes the event into {@code buf}; returns the record length. */
    int encode(CapturedEvent event, ActiveWal wal) {
        target = wal;
        for (int level = 0; ; level++) {
            try {
                return encodeWith(event, levels[level], level > 0);
            } catch (RuntimeException e) {
                if (e != TOO_LARGE || level == levels.length - 1) {
                    throw e;
                }
            }
        }
    }

    private int encodeWith(CapturedEvent e, Limits l, boolean truncating) {
        limits = l;
        truncated = truncating;
        pos = FIELDS_OFFSET;
        ensure(FIELDS_OFFSET);
        buf[WalFormat.RECORD_TYPE_OFFSET] = WalFormat.RECORD_EVENT;
        buf[LEVEL_OFFSET] = (byte) e.level().code();
        buf[STYLE_OFFSET] = (byte) e.style().code();
        Bytes.putLong(buf, TIMESTAMP_OFFSET, e.hasTimestamp() ? e.epochNanos() : System.currentTimeMillis() * 1_000_000L);
        int flags = 0;

        writeRef(e.logger(), true);
        writeRef(e.thread(), true);
        // Templates with arguments repeat; a message without arguments is often built by concatenation
        // and unique, so it would only fill the dictionary.
        writeRef(e.template(), e.argumentCount() > 0);

        int args = e.argumentCount();
        if (args > 0) {
            flags |= FLAG_ARGUMENTS;
            int n = items(args);
            writeVarint(n);
            for (int i = 0; i < n; i++) {
                writeValue(e.argumentKind(i), e.argumentBits(i), e.argumentText(i));
            }
        }
        if (e.formattedMessage() != null) {
            flags |= FLAG_STORED_MESSAGE;
            writeString(e.formattedMessage());
        }
        if (e.mdcCount() > 0) {
            flags |= FLAG_MDC;
            int n = items(e.mdcCount());
            writeVarint(n);
            for (int i = 0; i < n; i++) {
                writeRef(e.mdcKey(i), true);
                writeNullableString(e.mdcValue(i));
            }
        }
        if (e.markerCount() > 0) {
            flags |= FLAG_MARKERS;
            int n = items(e.markerCount());
            writeVarint(n);
            for (int i = 0; i < n; i++) {
                writeRef(e.marker(i), true);
            }
        }
        if (e.keyValueCount() > 0) {
            flags |= FLAG_KEY_VALUES;
            int n = items(e.keyValueCount());
            writeVarint(n);
            for (int i = 0; i < n; i++) {
                writeRef(e.keyValueKey(i), true);
                writeValue(e.keyValueKind(i), e.keyValueBits(i), e.keyValueText(i));
            }
        }
        if (e.throwable() != null) {
            flags |= FLAG_THROWABLE;
            writeThrowable(e.throwable(), 0);
        }
        if (e.callerFrameCount() > 0) {
            flags |= FLAG_CALLER;
            int n = items(e.callerFrameCount());
            writeVarint(n);
            for (int i = 0; i < n; i++) {
                writeRef(e.callerFrame(i), true);
            }
        }
        if (truncated) {
            flags |= FLAG_TRUNCATED;
        }
        Bytes.putShort(buf, FLAGS_OFFSET, flags);
        return pos;
    }

    private int items(int count) {
        if (count > limits.maxItems) {
            truncated = true;
            return limits.maxItems;
        }
        return count;
    }

    private void writeThrowable(ThrowableInfo t, int depth) {
        writeRef(t.className(), true);
        writeNullableString(t.message());
        ThrowableInfo cause = t.cause();
        boolean hasCause = cause != null && depth + 1 < limits.maxDepth;
        if (cause != null && !hasCause) {
            truncated = true;
        }
        if (hasCause && depth + 2 == limits.maxDepth && cause.cause() != null) {
            // The last level there is room for holds the root cause, not the next wrapper: the innermost
            // exception is the one looked for (--exception), and the levels left out are in between.
            while (cause.cause() != null) {
                cause = cause.cause();
            }
            truncated = true;
        }
        String ownText = t.toStringOverride();
        ensure(1);
        buf[pos++] = (byte) ((t.isCircularReference() ? THROWABLE_CIRCULAR : 0) | (hasCause ? THROWABLE_HAS_CAUSE : 0)
                | (ownText != null ? THROWABLE_TO_STRING : 0));
        if (ownText != null) {
            writeString(ownText);
        }
        List<String> frames = t.frames();
        int n = frames.size();
        if (n > limits.maxFrames) {
            truncated = true;
            n = limits.maxFrames;
        }
        writeVarint(n);
        for (int i = 0; i < n; i++) {
            writeRef(frames.get(i), true);
        }
        writeVarint(t.commonFramesOmitted());
        List<ThrowableInfo> suppressed = t.suppressed();
        int s = depth + 1 < limits.maxDepth ? items(suppressed.size()) : 0;
        if (s < suppressed.size()) {
            truncated = true;
        }
        writeVarint(s);
        for (int i = 0; i < s; i++) {
            writeThrowable(suppressed.get(i), depth + 1);
        }
        if (hasCause) {
            writeThrowable(cause, depth + 1);
        }
    }

    private void writeValue(ValueKind kind, long bits, String text) {
        ensure(1 + Varint.MAX_LENGTH);
        switch (kind) {
            case NULL:
                buf[pos++] = VALUE_NULL;
                break;
            case BOOLEAN:
                buf[pos++] = (byte) (bits != 0 ? VALUE_TRUE : VALUE_FALSE);
                break;
            case INTEGER:
                buf[pos++] = VALUE_INTEGER;
                pos = Varint.write(buf, pos, Varint.zigzag(bits));
                break;
            case FLOAT:
                buf[pos++] = VALUE_FLOAT;
                Bytes.putInt(buf, pos, (int) bits);
                pos += 4;
                break;
            case DOUBLE:
                buf[pos++] = VALUE_DOUBLE;
                Bytes.putLong(buf, pos, bits);
                pos += 8;
                break;
            case FAILED_TO_STRING:
                buf[pos++] = VALUE_FAILED_TO_STRING;
                writeString(text);
                break;
            default:
                buf[pos++] = VALUE_STRING;
                writeString(text);
        }
    }

    /** A dictionary reference when {@code shared} and the dictionary takes it, else 0 and the string. */
    private void writeRef(String s, boolean shared) {
        if (shared) {
            int id = dictionaryId(s);
            if (id > 0) {
                writeVarint(id);
                return;
            }
        }
        writeVarint(0);
        writeString(s);
    }

    /**
     * The id of {@code s} in the target file's dictionary. Logger and thread names, templates and MDC keys
     * are nearly always the very same String objects event after event, so a small cache compared by
     * identity answers most lookups without the shared map; it is emptied when the file changes, since
     * ids belong to one file.
     */
    private int dictionaryId(String s) {
        WalDictionary dictionary = target.dictionary();
        if (dictionary != cachedDictionary) {
            java.util.Arrays.fill(cachedStrings, null);
            cachedDictionary = dictionary;
        }
        int slot = s.hashCode() & (ID_CACHE_SIZE - 1);
        if (cachedStrings[slot] == s) {
            return cachedIds[slot];
        }
        int id = dictionary.idFor(s, definer);
        if (id > 0) {
            cachedStrings[slot] = s;
            cachedIds[slot] = id;
        }
        return id;
    }

    private void writeNullableString(String s) {
        if (s == null) {
            writeVarint(0);
        } else {
            writeLengthPrefixed(s, 1);
        }
    }

    private void writeString(String s) {
        writeLengthPrefixed(s, 0);
    }

    /**
     * Writes {@code s} after a varint of its byte length plus {@code bias}. The prefix is written after the
     * bytes, in a width sized for the worst case and padded with continuation bytes (still a valid
     * varint), so the string is encoded in one pass.
     */
    private void writeLengthPrefixed(String s, int bias) {
        long worst = 3L * s.length();
        if (pos + worst + Varint.MAX_LENGTH > maxEventSize) {
            worst = Wtf8.encodedLength(s); // long text: measure it rather than assume the worst
        }
        int maxBytes = (int) Math.min(worst, limits.maxStringBytes);
        int width = Varint.length(maxBytes + bias);
        ensure(width + maxBytes);
        int start = pos + width;
        int end = Wtf8.encode(s, buf, start, maxBytes);
        if (worst > limits.maxStringBytes && end - start < Wtf8.encodedLength(s)) {
            truncated = true;
        }
        writePaddedVarint(buf, pos, end - start + bias, width);
        pos = end;
    }

    private static void writePaddedVarint(byte[] b, int at, long value, int width) {
        for (int i = 0; i < width - 1; i++) {
            b[at + i] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        b[at + width - 1] = (byte) value;
    }

    private void writeVarint(long value) {
        if ((value & ~0x7FL) == 0 && pos < buf.length) {
            buf[pos++] = (byte) value; // ids, counts and short lengths: the common case
            return;
        }
        ensure(Varint.MAX_LENGTH);
        pos = Varint.write(buf, pos, value);
    }

    private void ensure(int bytes) {
        long needed = (long) pos + bytes;
        if (needed > buf.length) {
            if (needed > maxEventSize) {
                throw TOO_LARGE;
            }
            buf = java.util.Arrays.copyOf(buf, (int) Math.min(maxEventSize, Math.max(needed, 2L * buf.length)));
        }
    }

    /** Writes the dictionary record for {@code s} into the target file; its id, or null when it could not. */
    private Integer define(String s) {
        ActiveWal wal = target;
        int id = wal.dictionary().allocateId();
        if (id < 0) {
            return null;
        }
        byte[] record = dictionaryRecord;
        record[WalFormat.RECORD_TYPE_OFFSET] = WalFormat.RECORD_DICTIONARY;
        int p = Varint.write(record, WalFormat.RECORD_BODY_OFFSET, id);
        int maxBytes = 3 * s.length();
        int width = Varint.length(maxBytes);
        int end = Wtf8.encode(s, record, p + width, maxBytes);
        writePaddedVarint(record, p, end - p - width, width);
        long reserved = wal.reserve((int) Bytes.align8(end), false, SealReason.FULL);
        if (reserved == ActiveWal.FULL) {
            return null;
        }
        publish(wal, reserved & ActiveWal.OFFSET_MASK, record, end);
        return id;
    }
}
