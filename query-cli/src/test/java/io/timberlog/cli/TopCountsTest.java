package io.timberlog.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TopCountsTest {
    @Test
    void fewNames_countedExactly() {
        TopCounts counts = new TopCounts(10, 1_000);
        for (int i = 0; i < 100; i++) {
            counts.add("name " + i % 3);
        }
        assertEquals(0, counts.undercount());
        assertEquals(Map.of("name 0", 34L, "name 1", 33L, "name 2", 33L), counts.top(5));
    }

    /** Every message concatenated, so every event a template of its own, and one real template among them. */
    @Test
    void aNewNameForEveryEvent_heldWithinTheBudget_andTheFrequentOneFoundWithItsCountBounded() {
        TopCounts counts = new TopCounts(1_000, 1_000_000);
        int frequent = 0;
        for (int i = 0; i < 200_000; i++) {
            if (i % 10 == 0) {
                counts.add("order {} shipped");
                frequent++;
            } else {
                counts.add("user " + i + " logged in");
            }
            assertTrue(counts.size() <= 1_000, counts.size() + " names held");
        }
        Map.Entry<String, Long> top = counts.top(1).entrySet().iterator().next();
        assertEquals("order {} shipped", top.getKey());
        assertTrue(counts.undercount() > 0);
        assertTrue(top.getValue() <= frequent && top.getValue() + counts.undercount() >= frequent,
                top.getValue() + " + up to " + counts.undercount() + " is " + frequent);
    }

    @Test
    void longNames_heldWithinTheCharBudget() {
        TopCounts counts = new TopCounts(1_000, 100_000);
        for (int i = 0; i < 1_000; i++) {
            counts.add(i + "x".repeat(10_000));
            assertTrue(counts.size() <= 10, counts.size() + " names of 10,000 chars held");
        }
    }
}
