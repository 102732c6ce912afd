package io.timberlog.core.internal.segment;

import io.timberlog.core.KeyValue;
import io.timberlog.core.LogEvent;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.Value;
import io.timberlog.core.internal.io.MalformedDataException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import static io.timberlog.core.internal.segment.BlockLayout.*;
import static io.timberlog.core.internal.wal.EventLayout.*;

/**
 * Builds one event block ({@link BlockLayout}) from events given in sequence order, and what the
 * block index says about it. Per-event columns are written as events arrive; timestamps, sequences
 * and arguments are kept until {@link #finish} because their encoding needs the whole block (the
 * scale of the time deltas, the slot order of the arguments).
 *
 * <p>Not thread-safe; reused block after block through {@link #reset}.
 */
final class BlockEncoder {
    private final SegmentDictionary dictionary;
    private final RunTable runs;
    private final ByteSink[] columns = new ByteSink[COLUMN_COUNT];
    private final BlockWords words = new BlockWords();
    private final List<List<Value>> arguments = new ArrayList<>();
    private long[] sequences = new long[256];
    private long[] times = new long[256];
    private int[] templateRefs = new int[256];
    private int count;
    private long rawBytes;
    private long minTime;
    private long maxTime;
    private int levels;
    private int inline;
    private final BitSet loggers = new BitSet();
    private final BitSet threads = new BitSet();
    private final BitSet templates = new BitSet();

    BlockEncoder(SegmentDictionary dictionary, RunTable runs) {
        this.dictionary = dictionary;
        this.runs = runs;
        for (int i = 0; i < COLUMN_COUNT; i++) {
            columns[i] = new ByteSink(1024);
        }
        reset();
    }

    int eventCount() {
        return count;
    }

    /** Roughly the raw bytes of the block so far: the writer cuts blocks by it. */
    long rawBytes() {
        return rawBytes;
    }

    void add(LogEvent e) {
        if (count == sequences.length) {
            int grown = count * 2;
            sequences = Arrays.copyOf(sequences, grown);
            times = Arrays.copyOf(times, grown);
            templateRefs = Arrays.copyOf(templateRefs, grown);
        }
        sequences[count] = e.sequence();
        times[count] = e.epochNanos();
        minTime = Math.min(minTime, e.epochNanos());
        maxTime = Math.max(maxTime, e.epochNanos());
        levels |= 1 << e.level().code();
        columns[LEVEL].u8(e.level().code() | e.style().code() << STYLE_SHIFT);
        columns[FLAGS].varint(flagsOf(e));
        indexedRef(LOGGER, e.logger(), loggers, 1);
        indexedRef(THREAD, e.thread(), threads, 2);
        templateRefs[count] = e.arguments().isEmpty() ? writeInline(e.template())
                : indexedRef(TEMPLATE, e.template(), templates, 4);
        columns[RUN].varint(runs.codeOf(e.run()));
        arguments.add(e.arguments());
        if (!e.arguments().isEmpty()) {
            columns[ARG_COUNT].varint(e.arguments().size());
        }
        if (e.hasStoredMessage()) {
            columns[MESSAGE].string(e.message());
        }
        if (!e.mdc().isEmpty()) {
            columns[MDC_KEYS].varint(e.mdc().size());
            for (Map.Entry<String, String> entry : e.mdc().entrySet()) {
                ref(columns[MDC_KEYS], entry.getKey());
                columns[MDC_VALUES].nullableString(entry.getValue());
            }
        }
        if (!e.markers().isEmpty()) {
            refs(columns[MARKERS], e.markers());
        }
        if (!e.keyValues().isEmpty()) {
            ByteSink out = columns[KEY_VALUES];
            out.varint(e.keyValues().size());
            for (KeyValue kv : e.keyValues()) {
                ref(out, kv.key());
                value(out, kv.value());
            }
        }
        if (e.throwable() != null) {
            throwable(columns[THROWABLE], e.throwable());
        }
        if (!e.callerFrames().isEmpty()) {
            refs(columns[CALLER], e.callerFrames());
        }
        words.add(e);
        rawBytes = 0;
        for (ByteSink column : columns) {
            rawBytes += column.size();
        }
        rawBytes += 16L * count;
        count++;
    }

    private static int flagsOf(LogEvent e) {
        int flags = 0;
        flags |= e.arguments().isEmpty() ? 0 : FLAG_ARGUMENTS;
        flags |= e.hasStoredMessage() ? FLAG_STORED_MESSAGE : 0;
        flags |= e.mdc().isEmpty() ? 0 : FLAG_MDC;
        flags |= e.markers().isEmpty() ? 0 : FLAG_MARKERS;
        flags |= e.keyValues().isEmpty() ? 0 : FLAG_KEY_VALUES;
        flags |= e.throwable() == null ? 0 : FLAG_THROWABLE;
        flags |= e.callerFrames().isEmpty() ? 0 : FLAG_CALLER;
        flags |= e.isTruncated() ? FLAG_TRUNCATED : 0;
        return flags;
    }

    /** Writes a ref to a column whose ids the block index lists; returns the ref value written. */
    private int indexedRef(int column, String s, BitSet present, int inlineBit) {
        int id = dictionary.idFor(s);
        if (id < 0) {
            inline |= inlineBit;
            return writeInlineTo(columns[column], s);
        }
        present.set(id);
        columns[column].varint(id + 1L);
        return id + 1;
    }

    private int writeInline(String template) {
        inline |= 4;
        return writeInlineTo(columns[TEMPLATE], template);
    }

    private static int writeInlineTo(ByteSink out, String s) {
        out.varint(0);
        out.string(s);
        return 0;
    }

    private void ref(ByteSink out, String s) {
        int id = dictionary.idFor(s);
        if (id < 0) {
            writeInlineTo(out, s);
        } else {
            out.varint(id + 1L);
        }
    }

    private void refs(ByteSink out, List<String> strings) {
        out.varint(strings.size());
        for (String s : strings) {
            ref(out, s);
        }
    }

    private static void value(ByteSink out, Value v) {
        switch (v.kind()) {
            case NULL:
                out.u8(VALUE_NULL);
                break;
            case BOOLEAN:
                out.u8(v.asBoolean() ? VALUE_TRUE : VALUE_FALSE);
                break;
            case INTEGER:
                out.u8(VALUE_INTEGER);
                out.zigzag(v.rawBits());
                break;
            case FLOAT:
                out.u8(VALUE_FLOAT);
                out.i32((int) v.rawBits());
                break;
            case DOUBLE:
                out.u8(VALUE_DOUBLE);
                out.i64(v.rawBits());
                break;
            case FAILED_TO_STRING:
                out.u8(VALUE_FAILED_TO_STRING);
                out.string(v.text());
                break;
            default:
                out.u8(VALUE_STRING);
                out.string(v.text());
        }
    }

    private void throwable(ByteSink out, ThrowableInfo t) {
        ref(out, t.className());
        out.nullableString(t.message());
        String ownText = t.toStringOverride();
        out.u8((t.isCircularReference() ? THROWABLE_CIRCULAR : 0) | (t.cause() != null ? THROWABLE_HAS_CAUSE : 0)
                | (ownText != null ? THROWABLE_TO_STRING : 0));
        if (ownText != null) {
            out.string(ownText);
        }
        refs(out, t.frames());
        out.varint(t.commonFramesOmitted());
        out.varint(t.suppressed().size());
        for (ThrowableInfo s : t.suppressed()) {
            throwable(out, s);
        }
        if (t.cause() != null) {
            throwable(out, t.cause());
        }
    }

    /**
     * Completes the columns (read them with {@link #column} until {@link #reset}) and returns what the
     * index records about the block.
     */
    BlockSummary finish() {
        writeSequences(columns[SEQUENCE]);
        writeTimes(columns[TIME]);
        writeArguments();
        long[] ranges = words.finishRanges();
        long[] hashes = words.hashes();
        return new BlockSummary(count, sequences[0], sequences[count - 1], minTime, maxTime, levels, inline,
                toArray(loggers), toArray(threads), toArray(templates),
                BloomFilter.of(hashes, hashes.length, BloomFilter.seedOf(sequences[0])), ranges);
    }

    private static int[] toArray(BitSet set) {
        return set.stream().toArray();
    }

    private void writeSequences(ByteSink out) {
        out.varint(sequences[0]);
        for (int i = 1; i < count; i++) {
            out.varint(sequences[i] - sequences[i - 1]);
        }
    }

    private void writeTimes(ByteSink out) {
        long scale = 0;
        for (int i = 1; i < count && scale != 1; i++) {
            scale = gcd(scale, Math.abs(times[i] - times[i - 1]));
        }
        if (scale <= 0) {
            scale = 1; // all equal, or a delta of Long.MIN_VALUE
        }
        out.zigzag(times[0]);
        out.varint(scale);
        for (int i = 1; i < count; i++) {
            out.zigzag((times[i] - times[i - 1]) / scale);
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Writes the argument columns in slot order (see {@link BlockLayout}). */
    private void writeArguments() {
        int[] counts = new int[count];
        for (int i = 0; i < count; i++) {
            counts[i] = arguments.get(i).size();
        }
        try {
            SlotOrder.walk(count, templateRefs, counts, (event, slot) -> argument(arguments.get(event).get(slot)));
        } catch (MalformedDataException e) {
            throw new IllegalStateException("the encoder's visitor does not throw", e);
        }
    }

    private void argument(Value v) {
        switch (v.kind()) {
            case INTEGER:
                columns[ARG_KIND].u8(VALUE_INTEGER);
                columns[ARG_INT].zigzag(v.rawBits());
                break;
            case FLOAT:
                columns[ARG_KIND].u8(VALUE_FLOAT);
                columns[ARG_FLOAT].i32((int) v.rawBits());
                break;
            case DOUBLE:
                columns[ARG_KIND].u8(VALUE_DOUBLE);
                columns[ARG_DOUBLE].i64(v.rawBits());
                break;
            case NULL:
                columns[ARG_KIND].u8(VALUE_NULL);
                break;
            case BOOLEAN:
                columns[ARG_KIND].u8(v.asBoolean() ? VALUE_TRUE : VALUE_FALSE);
                break;
            case FAILED_TO_STRING:
                columns[ARG_KIND].u8(VALUE_FAILED_TO_STRING);
                columns[ARG_TEXT].string(v.text());
                break;
            default:
                stringArgument(v.text());
        }
    }

    /** A string argument, as a numbered string when it has numbers in it (see {@link BlockLayout}). */
    private void stringArgument(String text) {
        String shape = NumberedStrings.shapeOf(text);
        if (shape == null) {
            columns[ARG_KIND].u8(VALUE_STRING);
            columns[ARG_TEXT].string(text);
            return;
        }
        columns[ARG_KIND].u8(VALUE_NUMBERED_STRING);
        columns[ARG_TEXT].string(shape);
        NumberedStrings.writeNumbers(text, columns[ARG_NUMBERS]);
    }

    /** Column {@code index} ({@link BlockLayout}) of the finished block. */
    ByteSink column(int index) {
        return columns[index];
    }

    void reset() {
        for (ByteSink column : columns) {
            column.clear();
        }
        arguments.clear();
        words.clear();
        loggers.clear();
        threads.clear();
        templates.clear();
        count = 0;
        rawBytes = 0;
        minTime = Long.MAX_VALUE;
        maxTime = Long.MIN_VALUE;
        levels = 0;
        inline = 0;
    }
}
