package io.timberlog.core.internal.segment;

import io.timberlog.core.KeyValue;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.RunInfo;
import io.timberlog.core.Value;
import io.timberlog.core.internal.format.MessagePlan;
import io.timberlog.core.internal.format.MessagePlans;
import io.timberlog.core.internal.format.TextAutomaton;
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
 * decoded the first time something needs it, so a filter on time and level costs two small columns,
 * a filter on names a few more, a filter on the message the argument columns, and full events are
 * built only for the events that pass ({@link #events(boolean[])}). Column accessors take an event
 * index {@code 0 <= i < eventCount()}, in sequence order; read backwards by walking the indexes down.
 *
 * <p>Any bytes that do not decode make an accessor throw {@link SegmentDamageException} for the whole
 * block's frame. Not thread-safe (columns are cached on first use); the events it returns are
 * immutable.
 */
public final class DecodedBlock {
    /** For each byte of the level column: true when it holds a known level and style. */
    private static final boolean[] KNOWN_LEVEL_STYLE = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            KNOWN_LEVEL_STYLE[b] = Level.ofCode(b & LEVEL_MASK) != null && MessageStyle.ofCode(b >>> STYLE_SHIFT) != null;
        }
    }

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
    private Names loggers;
    private Names threads;
    /** Flags, template, run and argument count of each event: the columns every message needs. */
    private EventColumns eventColumns;
    private BlockArguments arguments;
    /** How the messages of the block's templates are put together ({@link #appendMessage}). */
    private MessagePlans plans;
    /** The stored message of each event, {@code null} for events whose message is rebuilt. */
    private String[] storedMessages;
    private List<LogEvent> decoded;

    /** The strings of a ref column, and their dictionary ids (-1 for one stored inline). */
    private static final class Names {
        final int[] ids;
        final String[] strings;

        Names(int[] ids, String[] strings) {
            this.ids = ids;
            this.strings = strings;
        }
    }

    private static final class EventColumns {
        final int[] flags;
        final int[] templateRefs;
        final String[] templates;
        final RunInfo[] runs;
        final int[] argumentCounts;

        EventColumns(int[] flags, int[] templateRefs, String[] templates, RunInfo[] runs, int[] argumentCounts) {
            this.flags = flags;
            this.templateRefs = templateRefs;
            this.templates = templates;
            this.runs = runs;
            this.argumentCounts = argumentCounts;
        }
    }

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
        return loggers().ids[i];
    }

    public String logger(int i) throws SegmentDamageException {
        return loggers().strings[i];
    }

    public String thread(int i) throws SegmentDamageException {
        if (threads == null) {
            threads = decodeNames(THREAD, "thread ref");
        }
        return threads.strings[i];
    }

    public String template(int i) throws SegmentDamageException {
        return eventColumns().templates[i];
    }

    /** The arguments of event {@code i} as values. */
    public List<Value> arguments(int i) throws SegmentDamageException {
        return arguments().values(i);
    }

    /** The run of event {@code i}, or {@code null} when its record names none. */
    public RunInfo run(int i) throws SegmentDamageException {
        return eventColumns().runs[i];
    }

    /** True when event {@code i} has a throwable. */
    public boolean hasThrowable(int i) throws SegmentDamageException {
        return (eventColumns().flags[i] & FLAG_THROWABLE) != 0;
    }

    /** True when event {@code i}'s message was stored verbatim, not reproduced from its template. */
    public boolean hasStoredMessage(int i) throws SegmentDamageException {
        return (eventColumns().flags[i] & FLAG_STORED_MESSAGE) != 0;
    }

    /** How event {@code i}'s template and arguments combine into its message. */
    public MessageStyle style(int i) throws SegmentDamageException {
        return MessageStyle.ofCode((levelStyles()[i] & 0xFF) >>> STYLE_SHIFT);
    }

    public int argumentCount(int i) throws SegmentDamageException {
        return arguments().count(i);
    }

    /** True when argument {@code k} of event {@code i} is an integer: {@link #integerArgument} gives it. */
    public boolean isIntegerArgument(int i, int k) throws SegmentDamageException {
        return arguments().isInteger(i, k);
    }

    public long integerArgument(int i, int k) throws SegmentDamageException {
        return arguments().integer(i, k);
    }

    /**
     * True when argument {@code k} of event {@code i} is a string stored as a shape and numbers
     * ({@link BlockLayout}): {@link #numberedStringHas} tests its numbers without making its text.
     */
    public boolean isNumberedString(int i, int k) throws SegmentDamageException {
        return arguments().isNumberedString(i, k);
    }

    /**
     * True when the numbered string argument {@code k} of event {@code i} has a number of this value. A
     * word of digits without a leading zero that its text shows is one of its numbers, so false means it
     * does not show the word.
     */
    public boolean numberedStringHas(int i, int k, long value) throws SegmentDamageException {
        return arguments().hasNumber(i, k, value);
    }

    /** Appends argument {@code k} of event {@code i} as its message shows it. */
    public void appendArgument(int i, int k, StringBuilder sb) throws SegmentDamageException {
        arguments().appendTo(sb, i, k);
    }

    /** The message of event {@code i}, stored verbatim ({@link #hasStoredMessage}). */
    public String storedMessage(int i) throws SegmentDamageException {
        return storedMessages()[i];
    }

    /**
     * The state of {@code automaton} after reading argument {@code k} of event {@code i} from
     * {@code state}, as the event's message shows the argument.
     */
    public int readArgument(int i, int k, TextAutomaton automaton, int state) throws SegmentDamageException {
        return arguments().read(i, k, automaton, state);
    }

    /** Appends the formatted message of event {@code i} to {@code sb}: what {@link LogEvent#message()} gives, with no event made. */
    public void appendMessage(int i, StringBuilder sb) throws SegmentDamageException {
        EventColumns c = eventColumns();
        if ((c.flags[i] & FLAG_STORED_MESSAGE) != 0) {
            sb.append(storedMessages()[i]);
            return;
        }
        String template = c.templates[i];
        if (template == null) {
            sb.append("null"); // as MessageFormatter has it
            return;
        }
        BlockArguments args = arguments();
        if (plans == null) {
            plans = new MessagePlans();
        }
        // literal text and arguments appended in turn, with no search of the template per message
        MessagePlan p = plans.of(template, style(i), args.count(i));
        int slots = p.slots();
        for (int k = 0; k < slots; k++) {
            sb.append(p.literal(k));
            args.appendTo(sb, i, p.slot(k));
        }
        sb.append(p.literal(slots));
    }

    /** Every event of the block, fully decoded, in sequence order. */
    public List<LogEvent> events() throws SegmentDamageException {
        if (decoded == null) {
            decoded = Collections.unmodifiableList(events(null, null));
        }
        return decoded;
    }

    public LogEvent event(int i) throws SegmentDamageException {
        return events().get(i);
    }

    /**
     * The events whose entry in {@code selected} is true, fully decoded, in sequence order; {@code null}
     * selects every event. The bytes of the others are passed over without making anything of them.
     */
    public List<LogEvent> events(boolean[] selected) throws SegmentDamageException {
        return events(selected, null);
    }

    /**
     * As {@link #events(boolean[])}, with the formatted messages of the selected events when the caller
     * has them ({@code messages[i]} for event {@code i}, as {@link #appendMessage} made it, or
     * {@code null}), so that the events do not format them again.
     */
    public List<LogEvent> events(boolean[] selected, String[] messages) throws SegmentDamageException {
        try {
            return decodeSelected(selected, messages);
        } catch (MalformedDataException | RuntimeException e) {
            throw damage(e);
        }
    }

    private SegmentDamageException damage(Exception e) {
        String detail = e instanceof MalformedDataException ? e.getMessage() : "undecodable block: " + e;
        return new SegmentDamageException(file, frameStart, frameEnd, detail);
    }

    /**
     * False when no event of this block can show every word that {@code words} looks for: a test of
     * its columns made before any event is decoded.
     */
    public boolean mayShowWords(BlockWordScan words) throws SegmentDamageException {
        try {
            return words.mayShowAll(this);
        } catch (MalformedDataException | RuntimeException e) {
            throw damage(e);
        }
    }

    SegmentDictionary dictionary() {
        return dictionary;
    }

    /** The length of column {@code k} once inflated, known without inflating it. */
    int rawLength(int k) {
        return rawLengths[k];
    }

    /** The column's raw bytes, inflated on first use. */
    byte[] column(int k) throws MalformedDataException {
        byte[] raw = columns[k];
        if (raw == null) {
            raw = BlockCodec.decompressColumn(codec, frame, storedOffsets[k], storedLengths[k], rawLengths[k],
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
                    if (!KNOWN_LEVEL_STYLE[b & 0xFF]) {
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

    private Names loggers() throws SegmentDamageException {
        if (loggers == null) {
            loggers = decodeNames(LOGGER, "logger ref");
        }
        return loggers;
    }

    /** A column of one ref per event. */
    private Names decodeNames(int column, String what) throws SegmentDamageException {
        try {
            ByteCursor c = open(column);
            int[] ids = new int[events];
            String[] names = new String[events];
            for (int i = 0; i < events; i++) {
                int ref = c.varint(SegmentDictionary.MAX_ENTRIES, what);
                ids[i] = ref - 1;
                names[i] = resolve(c, ref);
            }
            if (c.remaining() != 0) {
                throw c.malformed(c.remaining() + " unexpected bytes at the end of a column");
            }
            return new Names(ids, names);
        } catch (MalformedDataException e) {
            throw damage(e);
        }
    }

    private EventColumns eventColumns() throws SegmentDamageException {
        if (eventColumns == null) {
            try {
                eventColumns = decodeEventColumns();
            } catch (MalformedDataException e) {
                throw damage(e);
            }
        }
        return eventColumns;
    }

    private EventColumns decodeEventColumns() throws MalformedDataException {
        ByteCursor flagsColumn = open(FLAGS);
        ByteCursor templates = open(TEMPLATE);
        ByteCursor runColumn = open(RUN);
        ByteCursor argCounts = open(ARG_COUNT);
        int[] flags = new int[events];
        String[] templateTexts = new String[events];
        int[] templateRefs = new int[events];
        RunInfo[] eventRuns = new RunInfo[events];
        int[] counts = new int[events];
        // Each argument has one byte in ARG_KIND: that bounds what the counts may claim.
        long argumentsLeft = column(ARG_KIND).length;
        for (int i = 0; i < events; i++) {
            flags[i] = flagsColumn.varint(KNOWN_FLAGS, "event flags");
            templateRefs[i] = templates.varint(SegmentDictionary.MAX_ENTRIES, "template ref");
            templateTexts[i] = resolve(templates, templateRefs[i]);
            int run = runColumn.varint(runs.size(), "run index");
            eventRuns[i] = run == 0 ? null : runs.get(run - 1);
            if ((flags[i] & FLAG_ARGUMENTS) != 0) {
                counts[i] = argCounts.varint((int) argumentsLeft, "argument count");
                argumentsLeft -= counts[i];
            }
        }
        for (ByteCursor c : new ByteCursor[] {flagsColumn, templates, runColumn, argCounts}) {
            if (c.remaining() != 0) {
                throw c.malformed(c.remaining() + " unexpected bytes at the end of a column");
            }
        }
        return new EventColumns(flags, templateRefs, templateTexts, eventRuns, counts);
    }

    private BlockArguments arguments() throws SegmentDamageException {
        if (arguments == null) {
            EventColumns c = eventColumns();
            try {
                arguments = BlockArguments.decode(c.argumentCounts, c.templateRefs, open(ARG_KIND), open(ARG_INT),
                        open(ARG_FLOAT), open(ARG_DOUBLE), open(ARG_TEXT), open(ARG_NUMBERS));
            } catch (MalformedDataException e) {
                throw damage(e);
            }
        }
        return arguments;
    }

    private String[] storedMessages() throws SegmentDamageException {
        if (storedMessages == null) {
            int[] flags = eventColumns().flags;
            try {
                ByteCursor c = open(MESSAGE);
                String[] out = new String[events];
                for (int i = 0; i < events; i++) {
                    if ((flags[i] & FLAG_STORED_MESSAGE) != 0) {
                        out[i] = c.string();
                    }
                }
                if (c.remaining() != 0) {
                    throw c.malformed(c.remaining() + " unexpected bytes at the end of a column");
                }
                storedMessages = out;
            } catch (MalformedDataException e) {
                throw damage(e);
            }
        }
        return storedMessages;
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

    private List<LogEvent> decodeSelected(boolean[] selected, String[] formatted)
            throws MalformedDataException, SegmentDamageException {
        sequence(0);
        epochNanos(0);
        byte[] ls = levelStyles();
        Names loggerNames = loggers();
        thread(0);
        EventColumns c = eventColumns();
        BlockArguments args = arguments();
        String[] messages = storedMessages();
        Details details = new Details();
        List<LogEvent> out = new ArrayList<>(selected == null ? events : 16);
        for (int i = 0; i < events; i++) {
            int f = c.flags[i];
            if (selected != null && !selected[i]) {
                details.skip(f);
                continue;
            }
            LogEvent.Builder b = LogEvent.builder()
                    .sequence(sequences[i])
                    .epochNanos(times[i])
                    .level(Level.ofCode(ls[i] & LEVEL_MASK))
                    .style(MessageStyle.ofCode((ls[i] & 0xFF) >>> STYLE_SHIFT))
                    .logger(loggerNames.strings[i])
                    .thread(threads.strings[i])
                    .template(c.templates[i])
                    .arguments(args.values(i))
                    .run(c.runs[i])
                    .truncated((f & FLAG_TRUNCATED) != 0);
            if ((f & FLAG_STORED_MESSAGE) != 0) {
                b.storedMessage(messages[i]);
            } else if (formatted != null) {
                b.formattedMessage(formatted[i]);
            }
            details.read(f, b);
            out.add(b.build());
        }
        details.checkConsumed();
        return out;
    }

    /**
     * The columns only a whole event needs (MDC, markers, key-values, throwable, caller frames), read
     * event by event: the events kept are decoded, the others passed over.
     */
    private final class Details {
        final ByteCursor mdcKeys;
        final ByteCursor mdcValues;
        final ByteCursor markers;
        final ByteCursor keyValues;
        final ByteCursor throwables;
        final ByteCursor callers;

        Details() throws MalformedDataException {
            mdcKeys = open(MDC_KEYS);
            mdcValues = open(MDC_VALUES);
            markers = open(MARKERS);
            keyValues = open(KEY_VALUES);
            throwables = open(THROWABLE);
            callers = open(CALLER);
        }

        void read(int f, LogEvent.Builder b) throws MalformedDataException {
            if ((f & FLAG_MDC) != 0) {
                int n = mdcKeys.count(1, "MDC entry count");
                if (n == 1) { // the usual case (a request id): no hash table for one entry
                    String key = ref(mdcKeys);
                    b.mdc(Collections.singletonMap(key, mdcValues.nullableString()));
                } else {
                    Map<String, String> mdc = new LinkedHashMap<>();
                    for (int k = 0; k < n; k++) {
                        String key = ref(mdcKeys);
                        mdc.put(key, mdcValues.nullableString());
                    }
                    b.mdc(Collections.unmodifiableMap(mdc));
                }
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
        }

        /** Passes over the bytes of an event that is not kept. */
        void skip(int f) throws MalformedDataException {
            if ((f & FLAG_MDC) != 0) {
                int n = mdcKeys.count(1, "MDC entry count");
                for (int k = 0; k < n; k++) {
                    skipRef(mdcKeys);
                    skipNullableString(mdcValues);
                }
            }
            if ((f & FLAG_MARKERS) != 0) {
                skipRefs(markers, "marker count");
            }
            if ((f & FLAG_KEY_VALUES) != 0) {
                int n = keyValues.count(2, "key-value count");
                for (int k = 0; k < n; k++) {
                    skipRef(keyValues);
                    EventDecoder.value(keyValues);
                }
            }
            if ((f & FLAG_THROWABLE) != 0) {
                EventDecoder.throwable(throwables, 0, refs); // rare: decoded to find its end
            }
            if ((f & FLAG_CALLER) != 0) {
                skipRefs(callers, "caller frame count");
            }
        }

        void checkConsumed() throws MalformedDataException {
            for (ByteCursor c : new ByteCursor[] {mdcKeys, mdcValues, markers, keyValues, throwables, callers}) {
                if (c.remaining() != 0) {
                    throw c.malformed(c.remaining() + " unexpected bytes at the end of a column");
                }
            }
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

    private void skipRefs(ByteCursor c, String what) throws MalformedDataException {
        int n = c.count(1, what);
        for (int i = 0; i < n; i++) {
            skipRef(c);
        }
    }

    /** Passes over a ref, checked as {@link #resolve} checks it. */
    private void skipRef(ByteCursor c) throws MalformedDataException {
        int ref = c.varint(SegmentDictionary.MAX_ENTRIES, "dictionary ref");
        if (ref == 0) {
            c.skip(c.varint(c.remaining(), "string length"));
        } else if (ref - 1 >= dictionary.size()) {
            throw c.malformed("dictionary id " + (ref - 1) + " of " + dictionary.size());
        }
    }

    private static void skipNullableString(ByteCursor c) throws MalformedDataException {
        long n = c.varlong();
        if (n < 0 || n - 1 > c.remaining()) {
            throw c.malformed("string length out of range: " + (n - 1));
        }
        if (n > 0) {
            c.skip((int) (n - 1));
        }
    }
}
