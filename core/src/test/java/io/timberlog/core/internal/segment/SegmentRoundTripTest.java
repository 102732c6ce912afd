package io.timberlog.core.internal.segment;

import io.timberlog.core.LogEvent;
import io.timberlog.core.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SegmentRoundTripTest {
    @TempDir
    Path dir;

    static List<LogEvent> readAll(SegmentReader reader) throws Exception {
        List<LogEvent> events = new ArrayList<>();
        for (BlockInfo b : reader.blocks()) {
            events.addAll(reader.readBlock(b).events());
        }
        return events;
    }

    static SegmentInfo write(Path file, long id, List<LogEvent> events, long... walIds) throws Exception {
        try (SegmentWriter writer = SegmentWriter.create(file, id)) {
            for (long w : walIds) {
                writer.addWalId(w);
            }
            for (LogEvent e : events) {
                writer.add(e);
            }
            return writer.finish();
        }
    }

    @Test
    void readBlock_everyField_roundTripsExactly() throws Exception {
        List<LogEvent> events = Events.mixed(10_000, 42);
        Path file = dir.resolve("segment_000001.log");
        write(file, 1, events, 7);
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertTrue(reader.blocks().size() >= 3, "several blocks");
            Events.assertSameEvents(events, readAll(reader));
        }
    }

    @Test
    void open_afterFinish_summaryDescribesTheEvents() throws Exception {
        List<LogEvent> events = Events.mixed(5_000, 7);
        Path file = dir.resolve("segment_000003.log");
        write(file, 3, events, 4, 5);
        try (SegmentReader reader = SegmentReader.open(file)) {
            SegmentInfo info = reader.info();
            assertEquals(3, reader.segmentId());
            assertEquals(5_000, info.eventCount());
            assertEquals(0, info.minSequence());
            assertEquals(4_999, info.maxSequence());
            assertEquals(events.get(0).epochNanos(), info.minEpochNanos());
            assertEquals(events.get(4_999).epochNanos(), info.maxEpochNanos());
            assertArrayEquals(new long[] {4, 5}, info.walIds());
            assertEquals(List.of(Events.RUN), info.runs());
            long total = 0;
            for (io.timberlog.core.Level level : io.timberlog.core.Level.values()) {
                total += info.levelCount(level);
            }
            assertEquals(5_000, total);
        }
    }

    @Test
    void blockInfo_skipsBlocksThatCannotMatch() throws Exception {
        List<LogEvent> events = Events.mixed(9_000, 3);
        Path file = dir.resolve("segment_000001.log");
        write(file, 1, events);
        try (SegmentReader reader = SegmentReader.open(file)) {
            BlockInfo first = reader.blocks().get(0);
            BlockInfo last = reader.blocks().get(reader.blocks().size() - 1);
            assertTrue(first.mayHaveTimeIn(events.get(0).epochNanos(), events.get(0).epochNanos() + 1));
            assertFalse(first.mayHaveTimeIn(last.maxEpochNanos(), last.maxEpochNanos() + 1));
            assertTrue(first.mayHaveLogger(reader.dictionaryId("com.acme.L0")));
            assertFalse(first.mayHaveLogger(reader.dictionaryId("com.acme.Orders.Missing")));
            assertTrue(first.mayContainWord("customer"));
            assertTrue(first.mayContainWord("CUSTOMER"));
            assertFalse(first.mayContainWord("zebra"));
        }
    }

    @Test
    void blockFilter_combinesTheIndexTests() throws Exception {
        List<LogEvent> events = Events.mixed(9_000, 3);
        Path file = dir.resolve("segment_000001.log");
        write(file, 1, events);
        try (SegmentReader reader = SegmentReader.open(file)) {
            List<BlockInfo> blocks = reader.blocks();
            BlockInfo last = blocks.get(blocks.size() - 1);
            BlockFilter recent = BlockFilter.all().time(last.minEpochNanos(), Long.MAX_VALUE).forSegment(reader);
            assertFalse(recent.mayMatch(blocks.get(0)));
            assertTrue(recent.mayMatch(last));
            BlockFilter logger = BlockFilter.all().loggers(List.of("com.acme.L1", "nobody")).forSegment(reader);
            assertTrue(logger.mayMatch(blocks.get(0)));
            BlockFilter unknown = BlockFilter.all().loggers(List.of("nobody")).forSegment(reader);
            assertFalse(unknown.mayMatch(blocks.get(0)));
            assertFalse(BlockFilter.all().words(List.of("customer", "zebra")).mayMatch(blocks.get(0)));
            assertTrue(BlockFilter.all().words(List.of("customer", "ORDER")).minLevel(io.timberlog.core.Level.FATAL)
                    .mayMatch(blocks.get(0)));
            assertThrows(IllegalStateException.class, () -> BlockFilter.all().loggers(List.of("x")).mayMatch(last));
        }
    }

    @Test
    void decodedBlock_appendMessage_isTheEventsMessage() throws Exception {
        List<LogEvent> events = Events.mixed(5_000, 17);
        Path file = dir.resolve("segment_000001.log");
        write(file, 1, events);
        try (SegmentReader reader = SegmentReader.open(file)) {
            int at = 0;
            StringBuilder sb = new StringBuilder();
            for (BlockInfo b : reader.blocks()) {
                DecodedBlock block = reader.readBlock(b);
                for (int i = 0; i < block.eventCount(); i++, at++) {
                    sb.setLength(0);
                    block.appendMessage(i, sb);
                    assertEquals(events.get(at).message(), sb.toString());
                    assertEquals(events.get(at).arguments(), block.arguments(i));
                    assertEquals(events.get(at).thread(), block.thread(i));
                    assertEquals(events.get(at).template(), block.template(i));
                }
            }
        }
    }

    @Test
    void decodedBlock_selectedEvents_decodeAsTheWholeBlockDoes() throws Exception {
        List<LogEvent> events = Events.mixed(3_000, 23);
        Path file = dir.resolve("segment_000001.log");
        write(file, 1, events);
        try (SegmentReader reader = SegmentReader.open(file)) {
            BlockInfo first = reader.blocks().get(0);
            boolean[] selected = new boolean[first.eventCount()];
            List<LogEvent> expected = new java.util.ArrayList<>();
            for (int i = 0; i < selected.length; i += 7) {
                selected[i] = true;
                expected.add(events.get(i));
            }
            Events.assertSameEvents(expected, reader.readBlock(first).events(selected));
        }
    }

    @Test
    void decodedBlock_columnsDecodeWithoutBuildingEvents() throws Exception {
        List<LogEvent> events = Events.mixed(100, 11);
        Path file = dir.resolve("segment_000001.log");
        write(file, 1, events);
        try (SegmentReader reader = SegmentReader.open(file)) {
            DecodedBlock block = reader.readBlock(reader.blocks().get(0));
            for (int i = block.eventCount() - 1; i >= 0; i--) {
                assertEquals(events.get(i).sequence(), block.sequence(i));
                assertEquals(events.get(i).epochNanos(), block.epochNanos(i));
                assertEquals(events.get(i).level(), block.level(i));
                assertEquals(events.get(i).logger(), block.logger(i));
                assertEquals(reader.dictionaryId(events.get(i).logger()), block.loggerId(i));
            }
        }
    }
}
