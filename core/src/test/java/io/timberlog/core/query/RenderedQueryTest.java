package io.timberlog.core.query;

import io.timberlog.core.Level;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.Damage;
import io.timberlog.core.internal.segment.BlockInfo;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.segment.SegmentReader;
import io.timberlog.core.testing.FileDamage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.timberlog.core.query.QueryTestStores.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Queries that render ({@link Query.Builder#render}): the reading threads render what they find in
 * segments from the blocks' columns; the text is what the same renderer makes of the whole event.
 */
class RenderedQueryTest {
    /** Every field of the view, the message, and from the whole event its MDC and throwable. */
    private static final EventRenderer LINE = (e, out) -> {
        out.append(e.store().label()).append(' ').append(e.epochNanos()).append(' ').append(e.sequence()).append(' ')
                .append(e.level()).append(' ').append(e.logger()).append(" [").append(e.thread()).append("] ");
        e.appendMessage(out);
        if (e.sequence() % 100 == 3) {
            out.append(" mdc=").append(e.event().mdc()); // the whole event, only now and then
        }
        if (e.hasThrowable()) {
            out.append(" ex=").append(e.event().throwable().className());
        }
        if (e.sequence() % 5000 == 5) {
            out.append(" \u00e9 \ud83d\ude00"); // not ASCII: UTF-8, in blocks of ASCII lines and in others
        }
        out.append('\n');
    };

    /** The THREAD column's number in a block (FORMAT.md, "Event block columns"). */
    private static final int THREAD_COLUMN = 5;

    @TempDir
    Path dir;

    /** Segments (one run, converted) and then WAL files (a run nothing converted). */
    private void segmentsThenWalFiles() throws Exception {
        write(options(dir).maxWalSize(StoreOptions.MIN_WAL_SIZE), w -> events(w, 0, 20_000));
        writeUnconverted(options(dir), w -> events(w, 20_000, 21_000));
    }

    private static void events(Writer w, int from, int to) {
        for (int i = from; i < to; i++) {
            var e = w.event(i, i % 1000 == 7 ? Level.ERROR : Level.INFO, i % 2 == 0 ? "com.acme.Even" : "com.acme.Odd",
                    "order {} for {} took {} ms", (long) i, "customer-" + (i % 97), (long) (i % 1500));
            e.putMdc("req", "r-" + (i % 10));
            if (i % 1000 == 7) {
                e.throwable(ThrowableInfo.of("java.io.IOException", "disk " + i, List.of("a.B.c(B.java:1)"), 0, null,
                        List.of()));
            }
            w.append(e);
        }
    }

    /** The text of each hit: rendered by the reading threads, or by the renderer here from the event. */
    private List<String> texts(Query q) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        try (QueryResult r = StoreSet.open(dir).query(q)) {
            while (r.hasNext()) {
                QueryHit h = r.next();
                if (h.hasText()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    h.writeText(bytes);
                    out.add(bytes.toString(StandardCharsets.UTF_8));
                    assertThrows(IllegalStateException.class, h::event, "a rendered hit has no event");
                } else {
                    sb.setLength(0);
                    LINE.render(h, sb);
                    out.add(sb.toString());
                }
            }
        }
        return out;
    }

    private List<String> renderedAndNot(Query.Builder q, int renderedAtLeast) throws Exception {
        List<String> expected = texts(q.build());
        AtomicInteger rendered = new AtomicInteger();
        List<String> got = texts(q.render(() -> (e, out) -> {
            rendered.incrementAndGet();
            LINE.render(e, out);
        }).build());
        assertEquals(expected, got);
        assertTrue(rendered.get() >= renderedAtLeast, rendered.get() + " rendered by the reading threads");
        return got;
    }

    @Test
    void render_everyEvent_sameTextAndOrderAsFromTheEventsBothWays() throws Exception {
        segmentsThenWalFiles();
        List<String> all = renderedAndNot(Query.builder(), 20_000);
        assertEquals(21_000, all.size());
        assertTrue(all.get(0).endsWith(" 0 INFO com.acme.Even [main] order 0 for customer-0 took 0 ms\n"), all.get(0));
        assertTrue(all.get(5005).endsWith(" took 505 ms \u00e9 \ud83d\ude00\n"), all.get(5005));
        assertTrue(all.get(1007).contains(" ERROR com.acme.Odd [main] order 1007 for customer-37 took 1007 ms ex=java.io.IOException"),
                all.get(1007));
        assertTrue(all.get(103).contains(" mdc={req=r-3}"), all.get(103));
        renderedAndNot(Query.builder().reverse(true), 20_000);
    }

    @Test
    void render_filtersAndLast_sameAsFromTheEvents() throws Exception {
        segmentsThenWalFiles();
        assertEquals(21, renderedAndNot(Query.builder().minLevel(Level.ERROR), 20).size());
        // the WAL files' 500 matches (events 20,500 to 20,999), then 100 of the segments'
        assertEquals(600, renderedAndNot(Query.builder().regex(java.util.regex.Pattern.compile("took 1[0-4]\\d\\d ms"))
                .last(600), 100).size());
        assertEquals(10_500, renderedAndNot(Query.builder().logger("com.acme.Odd"), 10_000).size());
    }

    @Test
    void render_last_rendersOnlyTheNewestEventsOfEachBlock() throws Exception {
        write(options(dir).maxWalSize(StoreOptions.MIN_WAL_SIZE), w -> events(w, 0, 20_000));
        List<String> last = renderedAndNot(Query.builder().last(3), 3);
        assertEquals(3, last.size());
        assertTrue(last.get(2).contains(" order 19999 for "), last.get(2));
        AtomicInteger rendered = new AtomicInteger();
        texts(Query.builder().last(3).render(() -> (e, out) -> {
            rendered.incrementAndGet();
            LINE.render(e, out);
        }).build());
        // three from each block read (a few are read ahead), not every event of those blocks
        assertTrue(rendered.get() <= 3 * 4 * Runtime.getRuntime().availableProcessors(), rendered + " rendered");
        // a filter that keeps few events of a block: those that pass it, newest first
        assertEquals(renderedAndNot(Query.builder().minLevel(Level.ERROR), 20).subList(17, 20),
                renderedAndNot(Query.builder().minLevel(Level.ERROR).last(3), 3));
    }

    @Test
    void render_checksOnTheWholeEvent_eventsComeWhole() throws Exception {
        segmentsThenWalFiles();
        // an exception class and an MDC field are checked on whole events: those come as events, not text
        assertEquals(21, renderedAndNot(Query.builder().exception("IOException"), 0).size());
        assertEquals(2_100, renderedAndNot(Query.builder().field("req", "r-3"), 0).size());
    }

    @Test
    void render_eachRendererUsedByOneThreadAtATime() throws Exception {
        segmentsThenWalFiles();
        AtomicInteger made = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        Query q = Query.builder().render(() -> {
            made.incrementAndGet();
            AtomicBoolean busy = new AtomicBoolean();
            return (e, out) -> {
                if (!busy.compareAndSet(false, true)) {
                    overlapped.set(true);
                }
                LINE.render(e, out);
                busy.set(false);
            };
        }).build();
        assertEquals(21_000, texts(q).size());
        assertFalse(overlapped.get(), "a renderer was called by two threads at once");
        assertTrue(made.get() >= 1 && made.get() <= Runtime.getRuntime().availableProcessors(), made.get() + " renderers");
    }

    @Test
    void render_blockWhoseColumnIsDamagedBehindAGoodChecksum_isReportedAndTheRestIsRendered() throws Exception {
        write(options(dir).maxWalSize(StoreOptions.MIN_WAL_SIZE), w -> events(w, 0, 20_000));
        Path segment;
        BlockInfo damaged;
        try (java.util.stream.Stream<Path> files = Files.list(SegmentFiles.directory(dir))) {
            segment = files.filter(f -> f.toString().endsWith(".log")).sorted().findFirst().orElseThrow();
        }
        try (SegmentReader reader = SegmentReader.open(segment)) {
            assertTrue(reader.blocks().size() >= 2, reader.blocks().size() + " blocks");
            damaged = reader.blocks().get(1);
        }
        // the thread names: no filter of this query reads them, the renderer does
        FileDamage.garbleBlockColumnKeepingChecksum(segment, damaged.frameOffset(), THREAD_COLUMN);

        List<String> lines = new ArrayList<>();
        List<Damage> damages;
        try (QueryResult r = StoreSet.open(dir).query(Query.builder().render(() -> LINE).build())) {
            while (r.hasNext()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                r.next().writeText(bytes);
                lines.add(bytes.toString(StandardCharsets.UTF_8));
            }
            damages = r.damages();
        }

        assertEquals(1, damages.size(), damages.toString());
        Damage d = damages.get(0);
        assertEquals(segment, d.file());
        assertEquals(damaged.frameOffset(), d.start());
        assertEquals(damaged.frameOffset() + damaged.frameLength(), d.end());
        long lost = damaged.lastSequence() - damaged.firstSequence() + 1;
        assertEquals(20_000 - lost, lines.size());
        assertTrue(lines.get((int) damaged.firstSequence() - 1).contains(" order " + (damaged.firstSequence() - 1) + " for "));
        assertTrue(lines.get((int) damaged.firstSequence()).contains(" order " + (damaged.lastSequence() + 1) + " for "),
                lines.get((int) damaged.firstSequence()));
    }
}
