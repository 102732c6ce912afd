package io.timberlog.core.internal.query;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import io.timberlog.core.internal.segment.BlockInfo;
import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentReader;
import io.timberlog.core.internal.segment.SegmentWriter;
import io.timberlog.core.internal.segment.Words;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The word prefilter rules out only events whose message lacks a word, whatever the template and arguments. */
class WordPrefilterTest {
    private static final String[] PIECES = {"order ", "{}", " for ", "id={}", "{}ms", "{}{}", "x{}", "{} ", "\\{}",
            "-", "ab", "7", " took {} ms", "é", "{", "}", "42", ": "};
    private static final String[] WORDS = {"order", "for", "42", "7", "ab", "ms", "id", "x7", "é", "abé", "4242", "took",
            "null", "true", "ab7x1", "9223372036854775808", "12345678901234567890", "007", "4207"};
    /** Beginnings of numbered strings: digits that stay text (a leading zero, too many), letters and digits that join. */
    private static final String[] NUMBERED = {"customer-", "ref-0", "n=12345678901234567890-", "\u0663", "42", "x7 ",
            "order 4207 for "};

    @TempDir
    Path dir;

    @Test
    void mayMatch_randomTemplatesAndArguments_neverRulesOutAnEventThatHasTheWords() throws Exception {
        Random random = new Random(5);
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            events.add(randomEvent(random, i));
        }
        int ruledOut = 0;
        int checks = 0;
        for (DecodedBlock block : write(events)) {
            for (int c = 0; c < 40; c++) {
                List<String> words = List.of(WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)]);
                WordPrefilter prefilter = WordPrefilter.of(words);
                for (int i = 0; i < block.eventCount(); i++) {
                    checks++;
                    if (!prefilter.mayMatch(block, i)) {
                        ruledOut++;
                        String message = block.events().get(i).message();
                        assertFalse(EventFilter.contains(message, words.get(0), true)
                                        && EventFilter.contains(message, words.get(1), true),
                                () -> "ruled out " + words + " in \"" + message + "\"");
                    }
                }
            }
        }
        assertTrue(ruledOut > checks / 4, "it must rule events out: " + ruledOut + " of " + checks);
    }

    @Test
    void mayMatchBlock_randomSmallBlocks_neverRulesOutABlockWithAnEventThatHasTheWords() throws Exception {
        Random random = new Random(11);
        int ruledOut = 0;
        int checks = 0;
        for (int s = 0; s < 300; s++) {
            List<LogEvent> events = new ArrayList<>();
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                // Shorter templates and fewer floats than above: fewer of the blocks then show any word.
                events.add(randomEvent(random, events.size(), 3, 40));
            }
            DecodedBlock block = write(events, "segment_" + s + ".log").get(0);
            for (int c = 0; c < 30; c++) {
                List<String> words = random.nextBoolean() ? List.of(WORDS[random.nextInt(WORDS.length)])
                        : List.of(WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)]);
                boolean lacking = block.events().stream()
                        .noneMatch(e -> words.stream().allMatch(w -> EventFilter.contains(e.message(), w, true)));
                checks += lacking ? 1 : 0;
                if (!WordPrefilter.of(words).mayMatchBlock(block)) {
                    ruledOut++;
                    for (LogEvent e : block.events()) {
                        assertFalse(words.stream().allMatch(w -> EventFilter.contains(e.message(), w, true)),
                                () -> "ruled out " + words + " in a block with \"" + e.message() + "\"");
                    }
                }
            }
        }
        // Floats, and templates that are not simple, keep many blocks that lack the words.
        assertTrue(ruledOut > checks / 10, "it must rule blocks out: " + ruledOut + " of the " + checks
                + " that lack the words");
    }

    @Test
    void mayMatchBlock_wordsOfIntegersStringsAndTemplates_foundByValueOrBytes() throws Exception {
        DecodedBlock block = block(
                event("user {} in", Value.of("ab7x1")),
                event("order {} for {}", Value.of(-17L), Value.of("customer-9")),
                event("no arguments here"));
        for (String word : List.of("ab7x1", "17", "9", "customer", "user", "arguments")) {
            assertTrue(WordPrefilter.of(List.of(word)).mayMatchBlock(block), word);
        }
        // 7 stays possible: a number of "ab7x1", compared by value without its neighbours
        // and so does ab7x2: letters and digits that a numbered string may join
        for (String word : List.of("3", "8", "16", "0", "orders", "client", "nothing")) {
            assertFalse(WordPrefilter.of(List.of(word)).mayMatchBlock(block), word);
        }
    }

    @Test
    void mayMatchBlock_aFloatOrATemplateThatJoinsWords_keepsEveryWord() throws Exception {
        DecodedBlock floats = block(event("took {} s", Value.of(7.5)), event("order {}", Value.of(3L)));
        assertTrue(WordPrefilter.of(List.of("7")).mayMatchBlock(floats));
        assertTrue(WordPrefilter.of(List.of("5")).mayMatchBlock(floats));
        assertTrue(WordPrefilter.of(List.of("8")).mayMatchBlock(floats)); // not shown, but not ruled out
        DecodedBlock joined = block(event("id{} took {} ms", Value.of(42L), Value.of(5L)));
        assertTrue(WordPrefilter.of(List.of("id42")).mayMatchBlock(joined));
        String longTemplate = "x".repeat(5000) + " id{} {}"; // too long for the dictionary: stored inline
        DecodedBlock inline = block(event(longTemplate, Value.of(42L), Value.of("q")));
        assertTrue(WordPrefilter.of(List.of("id42")).mayMatchBlock(inline));
        assertFalse(WordPrefilter.of(List.of("id42")).mayMatchBlock(block(event("id {} {}", Value.of(42L), Value.of("q")))));
    }

    private int blocks;

    private DecodedBlock block(LogEvent... events) throws Exception {
        return write(List.of(events), "block-" + ++blocks + ".log").get(0);
    }

    private static LogEvent event(String template, Value... args) {
        return LogEvent.builder().sequence(1).epochNanos(1_000).level(Level.INFO).logger("l").thread("t")
                .template(template).style(MessageStyle.SLF4J).arguments(List.of(args)).build();
    }

    @Test
    void isSimple_placeholdersBesideWordCharsBracesOrBackslashes_areNot() {
        assertTrue(Words.isSimpleTemplate("order {} for {} took {} ms"));
        assertTrue(Words.isSimpleTemplate("{}"));
        assertTrue(Words.isSimpleTemplate("a=({}), b=[{}]"));
        assertFalse(Words.isSimpleTemplate("id{}"));
        assertFalse(Words.isSimpleTemplate("{}ms"));
        assertFalse(Words.isSimpleTemplate("{}{}"));
        assertFalse(Words.isSimpleTemplate("{{}"));
        assertFalse(Words.isSimpleTemplate("a \\{} {}"));
    }

    private static LogEvent randomEvent(Random random, long sequence) {
        return randomEvent(random, sequence, 5, 7);
    }

    /** An event of up to {@code pieces} template pieces, with a float or double for about one in {@code floatOdds} arguments. */
    private static LogEvent randomEvent(Random random, long sequence, int pieces, int floatOdds) {
        StringBuilder template = new StringBuilder();
        for (int p = 1 + random.nextInt(pieces); p > 0; p--) {
            template.append(PIECES[random.nextInt(PIECES.length)]);
        }
        List<Value> args = new ArrayList<>();
        for (int a = random.nextInt(4); a > 0; a--) {
            // one argument in floatOdds is a float; the others one of six kinds
            int kind = random.nextInt(floatOdds) == 0 ? 6 : random.nextInt(6);
            switch (kind) {
                case 0: args.add(Value.of((long) random.nextInt(100) - 20)); break;
                case 1: args.add(Value.of(WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "-42" : ""))); break;
                case 2: args.add(Value.of(NUMBERED[random.nextInt(NUMBERED.length)] + random.nextInt(60))); break;
                case 3: args.add(random.nextBoolean() ? Value.ofNull() : Value.of("ab7x" + random.nextInt(3))); break;
                case 4: args.add(Value.of(random.nextBoolean() ? Long.MIN_VALUE : -4242L)); break;
                case 5: args.add(Value.of(random.nextBoolean())); break;
                default: args.add(Value.of(random.nextInt(50) / 4.0));
            }
        }
        MessageStyle style = MessageStyle.values()[random.nextInt(MessageStyle.values().length)];
        LogEvent.Builder b = LogEvent.builder().sequence(sequence).epochNanos(1_000 + sequence).level(Level.INFO)
                .logger("l").thread("t").template(template.toString()).style(style).arguments(args);
        if (random.nextInt(20) == 0) {
            b.storedMessage("stored " + WORDS[random.nextInt(WORDS.length)]);
        }
        return b.build();
    }

    private List<DecodedBlock> write(List<LogEvent> events) throws Exception {
        return write(events, "segment_000001.log");
    }

    private List<DecodedBlock> write(List<LogEvent> events, String name) throws Exception {
        Path file = dir.resolve(name);
        try (SegmentWriter writer = SegmentWriter.create(file, 1)) {
            writer.addWalId(1);
            for (LogEvent e : events) {
                writer.add(e);
            }
            writer.finish();
        }
        List<DecodedBlock> blocks = new ArrayList<>();
        try (SegmentReader reader = SegmentReader.open(file)) {
            for (BlockInfo b : reader.blocks()) {
                blocks.add(reader.readBlock(b));
            }
        }
        return blocks;
    }
}
