package io.timberlog.core.internal.segment;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Version 4's integer ranges, and the words they take out of the Bloom filters. */
class BlockWordsTest {
    private static final String ORDER = "order {} for {} took {} ms";

    @TempDir
    Path dir;

    @Test
    void finishRanges_denseSlot_isARangeAndItsValuesLeaveTheFilter() {
        BlockWords words = new BlockWords();
        Random random = new Random(1);
        List<Long> durations = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long duration = random.nextInt(1_000_000);
            durations.add(duration);
            words.add(event(i, MessageStyle.SLF4J, ORDER, Value.of(1000 + i), Value.of("customer-" + i), Value.of(duration)));
        }
        assertArrayEquals(new long[] {1000, 1099}, words.finishRanges());
        Set<Long> hashes = hashSet(words.hashes());
        assertFalse(hashes.contains(Words.numberHash(1050)), "a dense slot's values are not filter words");
        for (long d : durations) {
            assertTrue(hashes.contains(Words.numberHash(d)), "a sparse slot's values are: " + d);
        }
        for (String w : new String[] {"order", "for", "took", "ms", "customer", "7"}) {
            assertTrue(hashes.contains(Words.wordHash(w)), w);
        }
    }

    @Test
    void finishRanges_fewValuesOrSparse_stayInTheFilter() {
        BlockWords words = new BlockWords();
        for (int i = 0; i < 15; i++) {
            words.add(event(i, MessageStyle.SLF4J, "dense but few {}", Value.of(i)));
            words.add(event(i, MessageStyle.SLF4J, "many but sparse {}", Value.of(i * 3L)));
        }
        assertEquals(0, words.finishRanges().length);
        Set<Long> hashes = hashSet(words.hashes());
        assertTrue(hashes.contains(Words.numberHash(14)));
        assertTrue(hashes.contains(Words.numberHash(42)));
    }

    @Test
    void add_templatesWhoseWordsJoinArgumentsOrOtherStyles_putTheMessagesWordsInTheFilter() {
        BlockWords words = new BlockWords();
        for (int i = 0; i < 100; i++) {
            words.add(event(i, MessageStyle.SLF4J, "id{} done", Value.of(i)));
            words.add(event(i, MessageStyle.SLF4J, "a \\{} {}", Value.of(i)));
            words.add(event(i, MessageStyle.LITERAL, "literal {}", Value.of(1000 + i)));
        }
        assertEquals(0, words.finishRanges().length);
        Set<Long> hashes = hashSet(words.hashes());
        assertTrue(hashes.contains(Words.wordHash("id42")));
        assertTrue(hashes.contains(Words.numberHash(42)));
        assertTrue(hashes.contains(Words.numberHash(1042)), "a literal message's argument values");
    }

    @Test
    void finishRanges_negativeIntegers_showTheirDigits() {
        BlockWords words = new BlockWords();
        for (int i = 1; i <= 100; i++) {
            words.add(event(i, MessageStyle.LOG4J2, "delta {} applied", Value.of(-i)));
        }
        long[] ranges = words.finishRanges();
        assertArrayEquals(new long[] {-100, -1}, ranges);
        BlockSummary s = summary(ranges);
        assertTrue(s.rangesMayShow(50), "-50 shows the word 50");
        assertFalse(s.rangesMayShow(101));
        assertFalse(s.rangesMayShow(-1), "not a number");
    }

    @Test
    void finishRanges_manyDenseSlots_keepsAtMostTheLimitAndFiltersTheRest() {
        BlockWords words = new BlockWords();
        int slots = BlockWords.MAX_RANGES + 5;
        for (int t = 0; t < slots; t++) {
            for (int i = 0; i < 20; i++) {
                words.add(event(i, MessageStyle.SLF4J, "step " + t + " of {}", Value.of(t * 1000L + i)));
            }
        }
        long[] ranges = words.finishRanges();
        assertEquals(2 * BlockWords.MAX_RANGES, ranges.length);
        BlockSummary s = summary(ranges);
        Set<Long> hashes = hashSet(words.hashes());
        for (int t = 0; t < slots; t++) {
            long v = t * 1000L + 7;
            assertTrue(s.rangesMayShow(v) || hashes.contains(Words.numberHash(v)), "value " + v);
        }
    }

    /** A whole segment: every word of every event is found, and values beside a range are ruled out. */
    @Test
    void segment_everyWordOfEveryEventIsFoundAndOtherNumbersAreRuledOut() throws Exception {
        List<LogEvent> events = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            events.add(event(i, MessageStyle.SLF4J, ORDER, Value.of(1_000_000 + i), Value.of("customer-" + random.nextInt(99_999)),
                    Value.of(random.nextInt(2000))));
        }
        Path file = dir.resolve("segment_000001.log");
        SegmentRoundTripTest.write(file, 1, events, 1);
        try (SegmentReader reader = SegmentReader.open(file)) {
            List<LogEvent> read = SegmentRoundTripTest.readAll(reader);
            int e = 0;
            for (BlockInfo b : reader.blocks()) {
                assertTrue(b.summary().integerRanges.length >= 4, "the order number and the duration are dense");
                for (int i = 0; i < b.eventCount(); i++, e++) {
                    LogEvent event = read.get(e);
                    assertTrue(b.holdsWordsOf(event), "words of event " + e);
                    assertTrue(b.mayContainWord(Long.toString(1_000_000 + e)), "order number of event " + e);
                }
            }
            long inNoBlock = 0;
            for (BlockInfo b : reader.blocks()) {
                inNoBlock += b.mayContainWord(Long.toString(1_000_000 + events.size() + 5)) ? 1 : 0;
            }
            assertTrue(inNoBlock <= 1, "an order number after the last: " + inNoBlock + " blocks");
        }
    }

    /**
     * Blocks that hold mostly the same words (the durations, the template's words) and have filters of the
     * same size: without a seed per block they set the same bits, so a word that one lets through by
     * mistake most of them do.
     */
    @Test
    void bloomFilters_ofLookAlikeBlocks_letAWordThroughIndependently() throws Exception {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 60 * 4096; i++) {
            events.add(event(i, MessageStyle.SLF4J, "user {} took {} ms", Value.of("user-" + (i % 4096)), Value.of(i % 1500)));
        }
        Path file = dir.resolve("segment_000001.log");
        SegmentRoundTripTest.write(file, 1, events, 1);
        try (SegmentReader reader = SegmentReader.open(file)) {
            int blocks = reader.blocks().size();
            Random random = new Random(11);
            int worst = 0;
            long total = 0;
            int words = 3000; // at 0.3% a block, some of them go through one filter by mistake
            for (int w = 0; w < words; w++) {
                String absent = "absent" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                int through = 0;
                for (BlockInfo b : reader.blocks()) {
                    through += b.mayContainWord(absent) ? 1 : 0;
                }
                worst = Math.max(worst, through);
                total += through;
            }
            double mean = total / (double) words;
            assertTrue(mean < 0.01 * blocks, "mean " + mean + " of " + blocks + " blocks");
            assertTrue(worst <= 6, "the worst of " + words + " absent words went through " + worst + " of " + blocks
                    + " blocks");
        }
    }

    private static BlockSummary summary(long[] ranges) {
        return new BlockSummary(1, 0, 0, 0, 0, 0, 0, new int[0], new int[0], new int[0],
                BloomFilter.of(new long[0], 0, BloomFilter.seedOf(0)), ranges);
    }

    private static Set<Long> hashSet(long[] hashes) {
        Set<Long> set = new HashSet<>();
        Arrays.stream(hashes).forEach(set::add);
        return set;
    }

    private static LogEvent event(long sequence, MessageStyle style, String template, Value... arguments) {
        return LogEvent.builder().sequence(sequence).epochNanos(1_000_000L * sequence).level(Level.INFO)
                .style(style).logger("com.acme.Orders").thread("main").template(template)
                .arguments(List.of(arguments)).build();
    }
}
