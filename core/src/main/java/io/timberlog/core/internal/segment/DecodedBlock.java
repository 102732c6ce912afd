package io.timberlog.core.internal.segment;

import io.timberlog.core.KeyValue;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.RunInfo;
import io.timberlog.core.Value;
import io.timberlog.core.internal.io.ByteCursor;
import io.timberlog.core.internal.io.MalformedDataException;
import io.timberlog.core.internal.io.Varint;
import io.timberlog.core.internal.wal.EventDecoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.timberlog.core.internal.segment.BlockLayout.*;
import static io.timberlog.core.internal.wal.EventLayout.*;

/**
 * One block read from a segment, its CRC checked, decoded lazily: each column is inflated and
 * decoded the first time something needs it, so a filter on time and level costs two small columns
 * and full events are built only for blocks that pass. Column accessors take an event index
 * {@code 0 <= i < eventCount()}, in sequence order; read backwards by walking the indexes down.
 *
 * <p>Any bytes that do not decode make an accessor throw {@link SegmentDamageException} for the whole
 * block's frame. Not thread-safe (columns are cached on first use); the events it returns are
 * immutable.
 */
public final class DecodedBlock {
    private final Path file;
    private final long frameStart;
    private final long frameEnd;
    private final byte[] frame;
    private final int codec;
    private final int events;
    private final int[] rawLengths = new int[COLUMN_COUNT];
    private final int[] storedLengths = new int[COLUMN_COUNT];
    private final int[] storedOffsets = new int[COLUMN_COUNT];
    private final byte[][] columns = new byte[COLUMN_COUNT][];
    private final SegmentDictionary dictionary;
    private final List<RunInfo> runs;
    private final EventDecoder.Refs refs = this::ref;

    private long[] sequences;
    private long[] times;
    private byte[] levelStyles;
    private int[] loggerIds;
    private String[] loggers;
    private List<LogEvent> decoded;

    private DecodedBlock(Path file, long frameStart, long frameEnd, byte[] frame, int codec, int events,
                         SegmentDictionary dictionary, List<RunInfo> runs) {
        this.file = file;
        this.frameStart = frameStart;
        this.frameEnd = frameEnd;
        this.frame = frame;
        this.codec = codec;
        this.events = events;
        this.dictionary = dictionary;
        this.runs = runs;
    }

    static DecodedBlock of(Path file, byte[] frame, int payloadAt, long frameOffset, int codec, BlockInfo info,
                           SegmentDictionary dictionary, List<RunInfo> runs) throws SegmentDamageException {
        long frameEnd = frameOffset + frame.length;
        try {
            ByteCursor c = new ByteCursor().reset(frame, payloadAt, frame.length, frameOffset);
            int n = c.varint(SegmentFormat.MAX_BLOCK_EVENTS, "block event count");
            if (n != info.eventCount() || n == 0) {
                throw c.malformed("block holds " + n + " events, its index entry says " + info.eventCount());
            }
            int columnCount = c.varint(COLUMN_COUNT, "column count");
            if (columnCount != COLUMN_COUNT) {
                throw c.malformed(columnCount + " columns, expected " + COLUMN_COUNT);
            }
            DecodedBlock block = new DecodedBlock(file, frameOffset, frameEnd, frame, codec, n, dictionary, runs);
            for (int i = 0; i < COLUMN_COUNT; i++) {
                block.rawLengths[i] = c.varint(SegmentFormat.MAX_FRAME_LENGTH, "column length");
                block.storedLengths[i] = c.varint(SegmentFormat.MAX_FRAME_LENGTH, "stored column length");
            }
            int at = c.position();
            for (int i = 0; i < COLUMN_COUNT; i++) {
                block.storedOffsets[i] = at;
                if ((long) at + block.storedLengths[i] > frame.length) {
                    throw c.malformed("column " + i + " runs past the end of the block");
                }
                at += block.storedLengths[i];
            }
            if (at != frame.length) {
                throw c.malformed((frame.length - at) + " unexpected bytes after the block's columns");
            }
            return block;
        } catch (MalformedDataException e) {
            throw new SegmentDamageException(file, frameOffset, frameEnd, "block " + info.index() + ": " + e.getMessage());
        }
    }

    public int eventCount() {
        return events;
    }

    public long sequence(int i) throws SegmentDamageException {
        if (sequences == null) {
            sequences = decodeSequences();
        }
        return sequences[i];
    }

    public long epochNanos(int i) throws SegmentDamageException {
        if (times == null) {
            times = decodeTimes();
        }
        return times[i];
    }

    public Level level(int i) throws SegmentDamageException {
        return Level.ofCode(levelStyles()[i] & LEVEL_MASK);
    }

    /** The logger's dictionary id (for {@link SegmentReader#dictionaryId} comparisons), or -1 when stored inline. */
    public int loggerId(int i) throws SegmentDamageException {
        decodeLoggers();
        return loggerIds[i];
    }

    public String logger(int i) throws SegmentDamageException {
        decodeLoggers();
        return loggers[i];
    }

    /** Every event of the block, fully decoded, in sequence order. */
    public List<LogEvent> events() throws SegmentDamageException {
        if (decoded == null) {
            try {
                decoded = Collections.unmodifiableList(decodeAll());
            } catch (MalformedDataException | RuntimeException e) {
                throw damage(e);
            }
        }
        return decoded;
    }

    public LogEvent event(int i) throws SegmentDamageException {
        return events().get(i);
    }

    private SegmentDamageException damage(Exception e) {
        String detail = e instanceof MalformedDataException ? e.getMessage() : "undecodable block: " + e;
        return new SegmentDamageException(file, frameStart, frameEnd, detail);
    }

    /** The column's raw bytes, inflated on first use. */
    private byte[] column(int k) throws MalformedDataException {
        byte[] raw = columns[k];
        if (raw == null) {
            raw = BlockCodec.decompress(codec, frame, storedOffsets[k], storedLengths[k], rawLengths[k],
                    frameStart + storedOffsets[k]);
            columns[k] = raw;
        }
        return raw;
    }

    private ByteCursor open(int k) throws MalformedDataException {
        byte[] raw = column(k);
        return new ByteCursor().reset(raw, 0, raw.length, 0);
    }

    private long[] decodeSequences() throws SegmentDamageException {
        try {
            ByteCursor c = open(SEQUENCE);
            long[] out = new long[events];
            out[0] = SegmentIndex.nonNegative(c, "sequence");
            for (int i = 1; i < events; i++) {
                out[i] = out[i - 1] + SegmentIndex.nonNegative(c, "sequence delta");
            }
            return out;
        } catch (MalformedDataException e) {
            throw damage(e);
        }
    }

    private long[] decodeTimes() throws SegmentDamageException {
        try {
            ByteCursor c = open(TIME);
            long[] out = new long[events];
            out[0] = Varint.unzigzag(c.varlong());
            long scale = c.varlong();
            if (scale < 1) {
                throw c.malformed("time scale " + scale);
            }
            for (int i = 1; i < events; i++) {
                out[i] = out[i - 1] + Varint.unzigzag(c.varlong()) * scale;
            }
            return out;
        } catch (MalformedDataException e) {
            throw damage(e);
        }
    }

    private byte[] levelStyles() throws SegmentDamageException {
        if (levelStyles == null) {
            try {
                byte[] raw = column(LEVEL);
                if (raw.length != events) {
                    throw new MalformedDataException("level column of " + raw.length + " bytes for " + events
                            + " events", frameStart);
                }
                for (byte b : raw) {
                    if (Level.ofCode(b & LEVEL_MASK) == null || MessageStyle.ofCode((b & 0xFF) >>> STYLE_SHIFT) == null) {
                        throw new MalformedDataException("unknown level or style code " + (b & 0xFF), frameStart);
                    }
                }
                levelStyles = raw;
            } catch (MalformedDataException e) {
                throw damage(e);
            }
        }
        return levelStyles;
    }

    private void decodeLoggers() throws SegmentDamageException {
        if (loggers != null) {
            return;
        }
        try {
            ByteCursor c = open(LOGGER);
            int[] ids = new int[events];
            String[] names = new String[events];
            for (int i = 0; i < events; i++) {
                int ref = c.varint(SegmentDictionary.MAX_ENTRIES, "logger ref");
                ids[i] = ref - 1;
                names[i] = resolve(c, ref);
            }
            loggerIds = ids;
            loggers = names;
        } catch (MalformedDataException e) {
            throw damage(e);
        }
    }

    /** The string a ref stands for: dictionary string {@code ref - 1}, or for 0 the string inline after it. */
    private String resolve(ByteCursor c, int ref) throws MalformedDataException {
        if (ref == 0) {
            return c.string();
        }
        if (ref - 1 >= dictionary.size()) {
            throw c.malformed("dictionary id " + (ref - 1) + " of " + dictionary.size());
        }
        return dictionary.string(ref - 1);
    }

    private String ref(ByteCursor c) throws MalformedDataException {
        return resolve(c, c.varint(SegmentDictionary.MAX_ENTRIES, "dictionary ref"));
    }

    private List<LogEvent> decodeAll() throws MalformedDataException, SegmentDamageException {
        sequence(0);
        epochNanos(0);
        byte[] ls = levelStyles();
        decodeLoggers();
        ByteCursor flagsColumn = open(FLAGS);
        ByteCursor threads = open(THREAD);
        ByteCursor templates = open(TEMPLATE);
        ByteCursor runColumn = open(RUN);
        ByteCursor argCounts = open(ARG_COUNT);
        int[] flags = new int[events];
        String[] threadNames = new String[events];
        String[] templateTexts = new String[events];
        int[] templateRefs = new int[events];
        RunInfo[] eventRuns = new RunInfo[events];
        int[] counts = new int[events];
        // Each argument has one byte in ARG_KIND: that bounds what the counts may claim.
        long argumentsLeft = column(ARG_KIND).length;
        for (int i = 0; i < events; i++) {
            flags[i] = flagsColumn.varint(KNOWN_FLAGS, "event flags");
            threadNames[i] = ref(threads);
            templateRefs[i] = templates.varint(SegmentDictionary.MAX_ENTRIES, "template ref");
            templateTexts[i] = resolve(templates, templateRefs[i]);
            int run = runColumn.varint(runs.size(), "run index");
            eventRuns[i] = run == 0 ? null : runs.get(run - 1);
            if ((flags[i] & FLAG_ARGUMENTS) != 0) {
                counts[i] = argCounts.varint((int) argumentsLeft, "argument count");
                argumentsLeft -= counts[i];
            }
        }
        List<List<Value>> arguments = decodeArguments(counts, templateRefs);
        ByteCursor messages = open(MESSAGE);
        ByteCursor mdcKeys = open(MDC_KEYS);
        ByteCursor mdcValues = open(MDC_VALUES);
        ByteCursor markers = open(MARKERS);
        ByteCursor keyValues = open(KEY_VALUES);
        ByteCursor throwables = open(THROWABLE);
        ByteCursor callers = open(CALLER);
        List<LogEvent> out = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            int f = flags[i];
            LogEvent.Builder b = LogEvent.builder()
                    .sequence(sequences[i])
                    .epochNanos(times[i])
                    .level(Level.ofCode(ls[i] & LEVEL_MASK))
                    .style(MessageStyle.ofCode((ls[i] & 0xFF) >>> STYLE_SHIFT))
                    .logger(loggers[i])
                    .thread(threadNames[i])
                    .template(templateTexts[i])
                    .arguments(arguments.get(i))
                    .run(eventRuns[i])
                    .truncated((f & FLAG_TRUNCATED) != 0);
            if ((f & FLAG_STORED_MESSAGE) != 0) {
                b.storedMessage(messages.string());
            }
            if ((f & FLAG_MDC) != 0) {
                int n = mdcKeys.count(1, "MDC entry count");
                Map<String, String> mdc = new LinkedHashMap<>();
                for (int k = 0; k < n; k++) {
                    String key = ref(mdcKeys);
                    mdc.put(key, mdcValues.nullableString());
                }
                b.mdc(Collections.unmodifiableMap(mdc));
            }
            if ((f & FLAG_MARKERS) != 0) {
                b.markers(refs(markers, "marker count"));
            }
            if ((f & FLAG_KEY_VALUES) != 0) {
                int n = keyValues.count(2, "key-value count");
                List<KeyValue> kvs = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    String key = ref(keyValues);
                    kvs.add(new KeyValue(key, EventDecoder.value(keyValues)));
                }
                b.keyValues(kvs);
            }
            if ((f & FLAG_THROWABLE) != 0) {
                b.throwable(EventDecoder.throwable(throwables, 0, refs));
            }
            if ((f & FLAG_CALLER) != 0) {
                b.callerFrames(refs(callers, "caller frame count"));
            }
            out.add(b.build());
        }
        for (ByteCursor c : new ByteCursor[] {flagsColumn, threads, templates, runColumn, argCounts, messages, mdcKeys,
            mdcValues, markers, keyValues, throwables, callers}) {
            if (c.remaining() != 0) {
                throw c.malformed(c.remaining() + " unexpected bytes at the end of a column");
            }
        }
        return out;
    }

    /** Reads the argument columns in slot order (see {@link BlockLayout}) back into per-event lists. */
    private List<List<Value>> decodeArguments(int[] counts, int[] templateRefs) throws MalformedDataException {
        ByteCursor kinds = open(ARG_KIND);
        ByteCursor ints = open(ARG_INT);
        ByteCursor floats = open(ARG_FLOAT);
        ByteCursor doubles = open(ARG_DOUBLE);
        ByteCursor texts = open(ARG_TEXT);
        ByteCursor numbers = open(ARG_NUMBERS);
        Value[][] values = new Value[events][];
        for (int i = 0; i < events; i++) {
            values[i] = counts[i] > 0 ? new Value[counts[i]] : null;
        }
        SlotOrder.walk(events, templateRefs, counts, (event, slot) ->
                values[event][slot] = argument(kinds.u8(), kinds, ints, floats, doubles, texts, numbers));
        for (ByteCursor c : new ByteCursor[] {kinds, ints, floats, doubles, texts, numbers}) {
            if (c.remaining() != 0) {
                throw c.malformed(c.remaining() + " unexpected bytes at the end of an argument column");
            }
        }
        List<List<Value>> out = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            out.add(values[i] == null ? List.of() : List.of(values[i]));
        }
        return out;
    }

    private static Value argument(int kind, ByteCursor kinds, ByteCursor ints, ByteCursor floats, ByteCursor doubles,
                                  ByteCursor texts, ByteCursor numbers) throws MalformedDataException {
        switch (kind) {
            case VALUE_NULL: return Value.ofNull();
            case VALUE_FALSE: return Value.of(false);
            case VALUE_TRUE: return Value.of(true);
            case VALUE_INTEGER: return Value.of(Varint.unzigzag(ints.varlong()));
            case VALUE_FLOAT: return Value.of(Float.intBitsToFloat(floats.i32()));
            case VALUE_DOUBLE: return Value.of(Double.longBitsToDouble(doubles.i64()));
            case VALUE_STRING: return Value.of(texts.string());
            case VALUE_FAILED_TO_STRING: return Value.failedToString(texts.string());
            case VALUE_NUMBERED_STRING: return Value.of(NumberedStrings.join(texts.string(), numbers));
            default: throw kinds.malformed("unknown argument kind " + kind);
        }
    }

    private List<String> refs(ByteCursor c, String what) throws MalformedDataException {
        int n = c.count(1, what);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(ref(c));
        }
        return out;
    }

}
