package io.timberlog.core.internal.wal;

import io.timberlog.core.KeyValue;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.RunInfo;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.Value;
import io.timberlog.core.internal.io.ByteCursor;
import io.timberlog.core.internal.io.MalformedDataException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.timberlog.core.internal.wal.EventLayout.*;

/**
 * Decodes the dictionary and event records of one WAL file, in file order, into {@link LogEvent}s.
 * Every field is checked: a record that does not decode is reported as malformed, with its position,
 * and never makes the decoder throw anything else or allocate beyond the record's own size.
 *
 * <p>Not thread-safe: one per file being read.
 */
public final class EventDecoder {
    /** Dictionary ids above this are malformed; it bounds the id table a damaged file can make us allocate. */
    static final int MAX_DICTIONARY_ID = 1 << 20;

    private final ByteCursor cursor = new ByteCursor();
    private final Refs refs = this::ref;
    private final EventHead scratch = new EventHead();
    private final RunInfo run;
    private String[] dictionary = new String[256];
    private long unresolvedReferences;

    public EventDecoder(RunInfo run) {
        this.run = run;
    }

    /**
     * How many references named a dictionary string the file does not define (its record was damaged);
     * such fields read as {@code [unknown string #id]}.
     */
    public long unresolvedReferences() {
        return unresolvedReferences;
    }

    /** Takes a dictionary record (whole record bytes). */
    public void defineString(byte[] buf, int offset, int length, long filePosition) throws MalformedDataException {
        ByteCursor c = cursor.reset(buf, offset + WalFormat.RECORD_BODY_OFFSET, offset + length,
                filePosition - offset);
        int id = c.varint(MAX_DICTIONARY_ID, "dictionary id");
        if (id == 0) {
            throw c.malformed("dictionary id 0");
        }
        String s = c.string();
        if (id >= dictionary.length) {
            dictionary = Arrays.copyOf(dictionary, Math.max(id + 1, dictionary.length * 2));
        }
        dictionary[id] = s;
    }

    /** Decodes an event record (whole record bytes). */
    public LogEvent decodeEvent(byte[] buf, int offset, int length, long filePosition) throws MalformedDataException {
        EventHead h = scratch;
        ByteCursor c = head(buf, offset, length, filePosition, h, true);
        int flags = h.flags;
        LogEvent.Builder b = LogEvent.builder()
                .sequence(h.sequence)
                .epochNanos(h.epochNanos)
                .level(h.level)
                .style(h.style)
                .run(run)
                .truncated((flags & FLAG_TRUNCATED) != 0)
                .logger(h.logger).thread(h.thread).template(h.template)
                .storedMessage(h.storedMessage);
        if (!h.arguments.isEmpty()) {
            b.arguments(h.arguments); // copied by the event
        }
        if ((flags & FLAG_MDC) != 0) {
            int n = c.count(2, "MDC entry count");
            Map<String, String> mdc = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String key = ref(c);
                mdc.put(key, c.nullableString());
            }
            b.mdc(Collections.unmodifiableMap(mdc));
        }
        if ((flags & FLAG_MARKERS) != 0) {
            int n = c.count(1, "marker count");
            List<String> markers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                markers.add(ref(c));
            }
            b.markers(markers);
        }
        if ((flags & FLAG_KEY_VALUES) != 0) {
            int n = c.count(2, "key-value count");
            List<KeyValue> kvs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String key = ref(c);
                kvs.add(new KeyValue(key, value(c)));
            }
            b.keyValues(kvs);
        }
        if ((flags & FLAG_THROWABLE) != 0) {
            b.throwable(throwable(c, 0, refs));
        }
        if ((flags & FLAG_CALLER) != 0) {
            int n = c.count(1, "caller frame count");
            List<String> frames = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                frames.add(ref(c));
            }
            b.callerFrames(frames);
        }
        if (c.remaining() != 0) {
            throw c.malformed(c.remaining() + " unexpected bytes after the event's fields");
        }
        return b.build();
    }

    /**
     * Decodes the front of an event record into {@code head}: level, style, sequence, time, logger,
     * thread and template, and with {@code withMessage} also the arguments and stored message. Cheaper
     * than {@link #decodeEvent}, which a reader calls only for the events the head did not rule out.
     */
    public void decodeHead(byte[] buf, int offset, int length, long filePosition, EventHead head, boolean withMessage)
            throws MalformedDataException {
        head(buf, offset, length, filePosition, head, withMessage);
    }

    private ByteCursor head(byte[] buf, int offset, int length, long filePosition, EventHead h, boolean withMessage)
            throws MalformedDataException {
        h.reset();
        ByteCursor c = cursor.reset(buf, offset, offset + length, filePosition - offset);
        c.skip(LEVEL_OFFSET);
        h.level = Level.ofCode(c.u8());
        if (h.level == null) {
            throw c.malformed("unknown level");
        }
        h.style = MessageStyle.ofCode(c.u8());
        if (h.style == null) {
            throw c.malformed("unknown message style");
        }
        int flags = c.u16();
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw c.malformed("unknown event flags " + Integer.toHexString(flags));
        }
        h.flags = flags;
        h.sequence = c.i64();
        h.epochNanos = c.i64();
        h.logger = ref(c);
        h.thread = ref(c);
        h.template = ref(c);
        if (!withMessage) {
            return c;
        }
        if ((flags & FLAG_ARGUMENTS) != 0) {
            int n = c.count(1, "argument count");
            for (int i = 0; i < n; i++) {
                h.arguments.add(value(c));
            }
        }
        if ((flags & FLAG_STORED_MESSAGE) != 0) {
            h.storedMessage = c.string();
        }
        return c;
    }

    /** Reads the strings a field refers to: from a dictionary by id, or inline. */
    public interface Refs {
        String ref(ByteCursor c) throws MalformedDataException;
    }

    /** Reads a throwable as the WAL (and the segment's THROWABLE column) lays it out. */
    public static ThrowableInfo throwable(ByteCursor c, int depth, Refs refs) throws MalformedDataException {
        if (depth >= MAX_THROWABLE_DEPTH) {
            throw c.malformed("exception causes nested deeper than " + MAX_THROWABLE_DEPTH);
        }
        String className = refs.ref(c);
        String message = c.nullableString();
        int bits = c.u8();
        if ((bits & ~(THROWABLE_CIRCULAR | THROWABLE_HAS_CAUSE | THROWABLE_TO_STRING)) != 0) {
            throw c.malformed("unknown exception bits");
        }
        String ownText = (bits & THROWABLE_TO_STRING) != 0 ? c.string() : null;
        int n = c.count(1, "frame count");
        List<String> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            frames.add(refs.ref(c));
        }
        int common = c.varint(Integer.MAX_VALUE, "common frame count");
        int s = c.count(3, "suppressed count");
        List<ThrowableInfo> suppressed = new ArrayList<>(s);
        for (int i = 0; i < s; i++) {
            suppressed.add(throwable(c, depth + 1, refs));
        }
        ThrowableInfo cause = (bits & THROWABLE_HAS_CAUSE) != 0 ? throwable(c, depth + 1, refs) : null;
        if ((bits & THROWABLE_CIRCULAR) != 0) {
            return ThrowableInfo.circularReference(className, message, ownText);
        }
        return ThrowableInfo.of(className, message, ownText, frames, common, cause, suppressed);
    }

    /** Reads a typed value: u8 kind, then the value by kind. */
    public static Value value(ByteCursor c) throws MalformedDataException {
        int kind = c.u8();
        switch (kind) {
            case VALUE_NULL: return Value.ofNull();
            case VALUE_FALSE: return Value.of(false);
            case VALUE_TRUE: return Value.of(true);
            case VALUE_INTEGER: return Value.of(io.timberlog.core.internal.io.Varint.unzigzag(c.varlong()));
            case VALUE_FLOAT: return Value.of(Float.intBitsToFloat(c.i32()));
            case VALUE_DOUBLE: return Value.of(Double.longBitsToDouble(c.i64()));
            case VALUE_STRING: return Value.of(c.string());
            case VALUE_FAILED_TO_STRING: return Value.failedToString(c.string());
            default: throw c.malformed("unknown value kind " + kind);
        }
    }

    private String ref(ByteCursor c) throws MalformedDataException {
        int id = c.varint(MAX_DICTIONARY_ID, "dictionary reference");
        if (id == 0) {
            return c.string();
        }
        String s = id < dictionary.length ? dictionary[id] : null;
        if (s == null) {
            // The defining record was damaged (and reported as such); the event itself is intact.
            unresolvedReferences++;
            return "[unknown string #" + id + "]";
        }
        return s;
    }
}
