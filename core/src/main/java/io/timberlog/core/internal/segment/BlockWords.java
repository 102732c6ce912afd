package io.timberlog.core.internal.segment;

import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import io.timberlog.core.ValueKind;
import io.timberlog.core.internal.format.ValueText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a block's index knows about the words of its events (segment version 4): the hashes its Bloom
 * filter holds, and ranges of integers that stand for the words of some integer arguments.
 *
 * <p>An argument slot (a template and an argument index) whose integers are dense in the block, such
 * as an order number that counts up, a duration in milliseconds or a port, is kept as the range of its
 * values instead of one Bloom word per value: the range costs a few bytes, rules a block out exactly
 * for a value outside it, and leaves the filter's bits to the words that need them. That is only
 * exact when each word of the message lies within the template's text or within one argument's text,
 * an integer showing as its decimal digits: a simple template ({@link Words#isSimpleTemplate}) in
 * SLF4J's or log4j2's style. The other events' words all go into the filter, as in version 3.
 *
 * <p>Not thread-safe; reused block after block through {@link #clear}.
 */
final class BlockWords {
    /** The most ranges one block keeps; the values of further dense slots go into the filter. */
    static final int MAX_RANGES = 32;
    /** Fewer distinct values than this cost less as filter words than as a range. */
    private static final int MIN_RANGE_VALUES = 16;

    private final LongHashSet hashes = new LongHashSet();
    private final Words.HashSink sink = (hash, value) -> hashes.add(hash);
    /** The integers of each argument slot, by template, in the order they came (the ranges are written in it). */
    private final Map<String, List<Slot>> slots = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder(64);

    /** The values of one argument slot in this block, in the order they came. */
    private static final class Slot {
        long[] values = new long[16];
        int count;

        void add(long v) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = v;
        }
    }

    void add(LogEvent e) {
        String template = e.template();
        if (e.hasStoredMessage() || template == null || e.arguments().isEmpty()
                || e.style() != MessageStyle.SLF4J && e.style() != MessageStyle.LOG4J2
                || !Words.isSimpleTemplate(template)) {
            Words.forEachWordOf(e, sink);
            return;
        }
        Words.forEachWord(template, sink);
        List<Value> arguments = e.arguments();
        for (int k = 0; k < arguments.size(); k++) {
            Value v = arguments.get(k);
            if (v.kind() == ValueKind.INTEGER && v.rawBits() != Long.MIN_VALUE) {
                slot(template, k).add(v.rawBits());
            } else {
                text.setLength(0);
                ValueText.append(text, v.kind(), v.rawBits(), v.text());
                Words.forEachWord(text, sink);
            }
        }
    }

    private Slot slot(String template, int index) {
        List<Slot> ofTemplate = slots.computeIfAbsent(template, t -> new ArrayList<>(4));
        while (ofTemplate.size() <= index) {
            ofTemplate.add(new Slot());
        }
        return ofTemplate.get(index);
    }

    /**
     * Ends the block: the ranges of its dense slots, {@code [min0, max0, min1, max1, ...]}, the values of
     * the other slots put into the filter's hashes ({@link #hashes()}).
     */
    long[] finishRanges() {
        long[] ranges = new long[0];
        for (List<Slot> ofTemplate : slots.values()) {
            for (Slot slot : ofTemplate) {
                if (slot.count == 0) {
                    continue;
                }
                long[] sorted = Arrays.copyOf(slot.values, slot.count);
                Arrays.sort(sorted);
                int distinct = 1;
                for (int i = 1; i < sorted.length; i++) {
                    distinct += sorted[i] != sorted[i - 1] ? 1 : 0;
                }
                long min = sorted[0];
                long max = sorted[sorted.length - 1];
                if (ranges.length < 2 * MAX_RANGES && isDense(min, max, distinct)) {
                    ranges = Arrays.copyOf(ranges, ranges.length + 2);
                    ranges[ranges.length - 2] = min;
                    ranges[ranges.length - 1] = max;
                } else {
                    for (long v : sorted) {
                        hashes.add(Words.numberHash(Math.abs(v)));
                    }
                }
            }
        }
        return ranges;
    }

    /** At least half of the range's values occur: a value outside it, or most inside, are then no guess. */
    private static boolean isDense(long min, long max, int distinct) {
        long span = max - min; // a negative span overflowed: far from dense
        return distinct >= MIN_RANGE_VALUES && span >= 0 && span < 2L * distinct;
    }

    /** The distinct hashes the block's filter holds. */
    long[] hashes() {
        return hashes.values();
    }

    void clear() {
        hashes.clear();
        slots.clear();
    }
}
