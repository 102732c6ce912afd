package io.timberlog.core.internal.segment;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import io.timberlog.core.internal.io.Varint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The block scan for digit words: values of integer and numbered-string columns, by value, not by bytes. */
class BlockWordScanTest {
    private static final String ORDER = "order {} for {} took {} ms";
    /** Its zigzag varint, 0x81 0xD8 0x04, ends with the bytes of 300's, 0xD8 0x04. */
    private static final long HIDES_300 = -38401;

    @TempDir
    Path dir;

    @Test
    void mayShowAll_digitWords_areFoundAmongTheValuesOnly() throws Exception {
        assertEquals(600, Varint.zigzag(300));
        assertEquals(76801, Varint.zigzag(HIDES_300));
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(event(i, Value.of(1000 + i), Value.of("customer-" + (700 + i)), Value.of(i == 7 ? -4242 : HIDES_300)));
        }
        DecodedBlock block = onlyBlock(events);
        assertTrue(mayShow(block, "1049"), "an integer");
        assertTrue(mayShow(block, "4242"), "a negative integer's digits");
        assertTrue(mayShow(block, "38401"), "another");
        assertTrue(mayShow(block, "747"), "a number of a numbered string");
        assertFalse(mayShow(block, "777"), "a number no numbered string has");
        assertTrue(mayShow(block, "1000", "749"), "two words, from two columns");
        assertFalse(mayShow(block, "300"), "its bytes end another value's, but no value is 300");
        assertFalse(mayShow(block, "5000000"), "in no column");
        assertFalse(mayShow(block, "1049", "5000000"), "one word of two missing");
        assertFalse(mayShow(block, "0"), "no value is zero");
    }

    private static boolean mayShow(DecodedBlock block, String... words) throws Exception {
        // the template holds none of these words, and is simple: its words come from its text or one argument
        return BlockWordScan.of(List.of(words), template -> 0).mayShowAll(block);
    }

    private DecodedBlock onlyBlock(List<LogEvent> events) throws Exception {
        Path file = dir.resolve("segment_000001.log");
        SegmentRoundTripTest.write(file, 1, events, 1);
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertEquals(1, reader.blocks().size());
            return reader.readBlock(reader.blocks().get(0));
        }
    }

    private static LogEvent event(long sequence, Value... arguments) {
        return LogEvent.builder().sequence(sequence).epochNanos(1_000_000L * sequence).level(Level.INFO)
                .style(MessageStyle.SLF4J).logger("com.acme.Orders").thread("main").template(ORDER)
                .arguments(List.of(arguments)).build();
    }
}
