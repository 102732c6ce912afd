package io.timberlog.core.internal.query;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import io.timberlog.core.internal.segment.BlockInfo;
import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentReader;
import io.timberlog.core.internal.segment.SegmentWriter;
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
    private static final String[] WORDS = {"order", "for", "42", "7", "ab", "ms", "id", "x7", "é", "abé", "4242", "took"};

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
    void isSimple_placeholdersBesideWordCharsBracesOrBackslashes_areNot() {
        assertTrue(WordPrefilter.isSimple("order {} for {} took {} ms"));
        assertTrue(WordPrefilter.isSimple("{}"));
        assertTrue(WordPrefilter.isSimple("a=({}), b=[{}]"));
        assertFalse(WordPrefilter.isSimple("id{}"));
        assertFalse(WordPrefilter.isSimple("{}ms"));
        assertFalse(WordPrefilter.isSimple("{}{}"));
        assertFalse(WordPrefilter.isSimple("{{}"));
        assertFalse(WordPrefilter.isSimple("a \\{} {}"));
    }

    private static LogEvent randomEvent(Random random, long sequence) {
        StringBuilder template = new StringBuilder();
        for (int p = 1 + random.nextInt(5); p > 0; p--) {
            template.append(PIECES[random.nextInt(PIECES.length)]);
        }
        List<Value> args = new ArrayList<>();
        for (int a = random.nextInt(4); a > 0; a--) {
            switch (random.nextInt(5)) {
                case 0: args.add(Value.of((long) random.nextInt(100) - 20)); break;
                case 1: args.add(Value.of(WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "-42" : ""))); break;
                case 2: args.add(Value.of("customer-" + random.nextInt(60))); break;
                case 3: args.add(Value.of(random.nextInt(50) / 4.0)); break;
                default: args.add(Value.of(random.nextBoolean()));
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
        Path file = dir.resolve("segment_000001.log");
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
