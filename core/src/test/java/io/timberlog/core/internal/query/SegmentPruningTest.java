package io.timberlog.core.internal.query;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.segment.SegmentReader;
import io.timberlog.core.query.Query;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Segments and blocks that cannot match are not read: counted, not timed. */
class SegmentPruningTest {
    private static final long T0 = 1_704_067_200_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final int EVENTS = 30_000;

    @TempDir
    static Path dir;
    private static int blocks;
    private static int blocksOfLastSegment;

    /** One event a second; one ERROR, one event of another logger and one with a rare word, far apart. */
    @BeforeAll
    static void writeStore() throws Exception {
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).maxWalSize(StoreOptions.MIN_WAL_SIZE)
                .problemListener((m, c) -> { }).build())) {
            CapturedEvent e = new CapturedEvent();
            for (int i = 0; i < EVENTS; i++) {
                e.reset().timestamp(T0 + i * SECOND).level(i == 15_000 ? Level.ERROR : Level.INFO)
                        .logger(i == 5_000 ? "com.acme.Rare" : "com.acme.Common").thread("main")
                        .message(i == 12_345 ? "the zebra said {}" : "event {} of some length", MessageStyle.SLF4J)
                        .addArgument(i);
                assertTrue(store.append(e));
            }
        }
        List<Path> segments = SegmentFiles.list(dir);
        assertTrue(segments.size() >= 2, "the test needs several segments: " + segments);
        for (Path segment : segments) {
            try (SegmentReader reader = SegmentReader.open(segment)) {
                blocks += reader.blocks().size();
                blocksOfLastSegment = reader.blocks().size();
            }
        }
        assertTrue(blocks >= 6, blocks + " blocks");
    }

    private static ReadContext read(Query q, List<LogEvent> out) throws Exception {
        ReadContext context = new ReadContext(new EventFilter(q, null));
        try (StoreStream stream = new StoreStream(StoreSnapshot.take(dir), null, context, q.reverse())) {
            for (PartHit h; (h = stream.next()) != null; ) {
                out.add(h.event());
            }
        }
        return context;
    }

    @Test
    void query_everything_readsEveryBlock() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        ReadContext context = read(Query.all(), out);
        assertEquals(EVENTS, out.size());
        assertEquals(blocks, context.blocksRead());
        assertEquals(0, context.blocksSkipped());
    }

    @Test
    void query_timeWindow_readsOnlyTheBlockThatHoldsIt() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        ReadContext context = read(Query.builder().sinceNanos(T0 + 100 * SECOND).untilNanos(T0 + 159 * SECOND).build(), out);
        assertEquals(60, out.size());
        assertEquals(1, context.blocksRead());
    }

    @Test
    void query_timeWindowInTheLastSegment_opensNoOtherSegment() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        long last = T0 + (EVENTS - 1) * SECOND;
        ReadContext context = read(Query.builder().sinceNanos(last - 10 * SECOND).build(), out);
        assertEquals(11, out.size());
        assertEquals(1, context.blocksRead());
        assertEquals(blocksOfLastSegment - 1, context.blocksSkipped(), "blocks of other segments are not even looked at");
    }

    @Test
    void query_minLevel_readsOnlyBlocksWithThatLevel() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        ReadContext context = read(Query.builder().minLevel(Level.ERROR).build(), out);
        assertEquals(List.of("event 15000 of some length"), out.stream().map(LogEvent::message).toList());
        assertEquals(1, context.blocksRead());
    }

    @Test
    void query_logger_readsOnlyBlocksWithThatLogger() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        ReadContext context = read(Query.builder().loggerTree("com.acme.Rare").build(), out);
        assertEquals(1, out.size());
        assertEquals(1, context.blocksRead());
    }

    @Test
    void query_textWithAWholeWord_readsOnlyBlocksWhoseBloomFilterHasIt() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        ReadContext context = read(Query.builder().text("the zebra said").build(), out);
        assertEquals(List.of("the zebra said 12345"), out.stream().map(LogEvent::message).toList());
        assertEquals(1, context.blocksRead());
    }

    @Test
    void query_wholeWord_readsOnlyBlocksWhoseBloomFilterHasIt() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        ReadContext context = read(Query.builder().text("12345").wholeWords(true).build(), out);
        assertEquals(List.of("the zebra said 12345"), out.stream().map(LogEvent::message).toList());
        assertEquals(1, context.blocksRead());
    }

    @Test
    void query_regexWithAWordEveryMatchHolds_readsOnlyBlocksWhoseBloomFilterHasIt() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        ReadContext context = read(Query.builder().regex(java.util.regex.Pattern.compile("e zebra s\\w+ \\d+")).build(),
                out);
        assertEquals(List.of("the zebra said 12345"), out.stream().map(LogEvent::message).toList());
        assertEquals(1, context.blocksRead());
    }

    @Test
    void query_caseInsensitiveRegex_findsTheWordsInAnyCase() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        read(Query.builder().regex(java.util.regex.Pattern.compile("E ZEBRA SAID \\d+",
                java.util.regex.Pattern.CASE_INSENSITIVE)).build(), out);
        assertEquals(List.of("the zebra said 12345"), out.stream().map(LogEvent::message).toList());
    }

    @Test
    void query_textThatMayBePartOfALongerWord_readsEveryBlock() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        ReadContext context = read(Query.builder().text("ebr").build(), out);
        assertEquals(1, out.size());
        assertEquals(blocks, context.blocksRead());
    }
}
