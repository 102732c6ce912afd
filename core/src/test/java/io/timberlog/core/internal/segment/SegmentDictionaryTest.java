package io.timberlog.core.internal.segment;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;
import io.timberlog.core.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SegmentDictionaryTest {
    @TempDir
    Path dir;

    /** Concatenated into the template: every event's template is a string of its own. */
    private static String concatenated(int i) {
        return "user " + (1_000_000_007L * i % 999_999_937L) + " logged in from 10.0." + i % 256 + " took {} ms";
    }

    @Test
    void idFor_aNewStringForEveryEvent_definesThemWithinTheBudgetAndTheRestInline() {
        SegmentDictionary dictionary = SegmentDictionary.forWriting();
        assertEquals(0, dictionary.idFor("com.acme.Orders"));
        int inline = 0;
        for (int i = 0; i < 200_000; i++) {
            if (dictionary.idFor(concatenated(i)) < 0) {
                inline++;
            }
        }
        assertTrue(dictionary.size() < SegmentDictionary.MAX_COST / SegmentDictionary.ENTRY_COST,
                dictionary.size() + " strings defined");
        assertTrue(inline > 100_000, inline + " inline");
        assertEquals(0, dictionary.idFor("com.acme.Orders"), "a string defined keeps its id");
    }

    @Test
    void segment_ofAnEventStreamWithDistinctTemplates_roundTripsWithDefinedAndInlineTemplates() throws Exception {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 150_000; i++) {
            events.add(LogEvent.builder().sequence(i).epochNanos(1_700_000_000_000_000_000L + i * 1_000L)
                    .level(Level.INFO).logger("com.acme.Login").thread("main").run(Events.RUN)
                    .template(concatenated(i)).style(MessageStyle.SLF4J).arguments(List.of(Value.of((long) i % 1_000)))
                    .build());
        }
        Path file = dir.resolve("segment_000001.log");
        SegmentRoundTripTest.write(file, 1, events, 1);
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertTrue(reader.dictionary().size() < 100_000, reader.dictionary().size() + " strings in the dictionary");
            Events.assertSameEvents(events, SegmentRoundTripTest.readAll(reader));
        }
    }
}
