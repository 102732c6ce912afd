package io.timberlog.core.internal.wal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class WalDictionaryTest {
    /** Concatenated into the template, near the longest a file defines: a new string with every event. */
    @Test
    void idFor_aLongNewStringForEveryEvent_definesThemWithinTheBudgetAndTheRestInline() {
        WalDictionary dictionary = new WalDictionary();
        String pad = "p".repeat(990);
        assertEquals(1, dictionary.idFor("com.acme.Orders", s -> dictionary.allocateId()));
        int defined = 0;
        for (int i = 0; i < WalDictionary.MAX_ENTRIES; i++) {
            if (dictionary.idFor("request " + i + " " + pad + " took {} ms", s -> dictionary.allocateId()) > 0) {
                defined++;
            }
        }
        assertTrue(defined > 1_000, defined + " defined");
        assertTrue(defined <= WalDictionary.MAX_COST / 1_000 + 1, defined + " strings of 1,000 chars defined");
        assertEquals(0, dictionary.idFor("request again " + pad, s -> dictionary.allocateId()), "written inline");
        assertEquals(1, dictionary.idFor("com.acme.Orders", s -> dictionary.allocateId()), "a string defined keeps its id");
    }
}
