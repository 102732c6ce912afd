package io.timberlog.agent;

import io.timberlog.core.LogEvent;
import io.timberlog.testing.LoggingChild;
import io.timberlog.testing.Stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events "event THREAD INDEX" of the test applications, as found in a store. */
final class Captured {
    final BitSet[] found = new BitSet[LoggingChild.THREADS];
    int events;
    int duplicates;

    private Captured() {
        for (int t = 0; t < found.length; t++) {
            found[t] = new BitSet();
        }
    }

    static Captured read(Path store) {
        Captured captured = new Captured();
        if (!Files.exists(store)) {
            return captured;
        }
        for (LogEvent e : Stores.read(store)) {
            String[] words = e.message().split(" ");
            assertTrue(words.length == 3 && words[0].equals("event"), "not an event of the application: " + e.message());
            int thread = Integer.parseInt(words[1]);
            int index = Integer.parseInt(words[2]);
            if (captured.found[thread].get(index)) {
                captured.duplicates++;
            }
            captured.found[thread].set(index);
            captured.events++;
        }
        return captured;
    }

    static List<LogEvent> all(Path store) {
        return Files.exists(store) ? Stores.read(store) : List.of();
    }

    /** Asserts that each thread's events {@code from[t]} (inclusive) to {@code to[t]} (exclusive) are there. */
    void assertContains(long[] from, long[] to) {
        for (int t = 0; t < found.length; t++) {
            int missing = found[t].nextClearBit((int) from[t]);
            assertTrue(missing >= to[t], "thread " + t + ": event " + missing + " is missing; events " + from[t]
                    + " to " + to[t] + " were acknowledged");
        }
    }
}
