package io.timberlog.core.internal.segment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class WordsTest {
    @Test
    void decimalValue_isTheValueOfTextThatLongToStringWrites() {
        for (long v : new long[] {0, 7, 42, 5_000_000, Long.MAX_VALUE}) {
            assertEquals(v, Words.decimalValue(Long.toString(v)));
        }
        for (String notOne : new String[] {"", "007", "00", "-5", "4a", "9223372036854775808", "99999999999999999999",
                "\u0663"}) {
            assertEquals(-1, Words.decimalValue(notOne), notOne);
        }
    }

    @Test
    void forEachWord_numbers_giveTheirValueAsDecimalValueReadsIt() {
        List<Long> values = new ArrayList<>();
        Words.forEachWord("0 07 42 x9 9223372036854775807 9223372036854775808 12345678901234567890 \u0663",
                (hash, value) -> values.add(value));
        assertEquals(List.of(0L, -1L, 42L, -1L, Long.MAX_VALUE, -1L, -1L, -1L), values);
    }

    @Test
    void numberHash_isTheHashOfTheDigits() {
        Random random = new Random(5);
        for (long v : new long[] {0, 1, 9, 10, 99, 100, 5_000_000, Long.MAX_VALUE, 1_000_000_000_000_000_000L}) {
            assertEquals(Words.wordHash(Long.toString(v)), Words.numberHash(v), Long.toString(v));
        }
        for (int i = 0; i < 10_000; i++) {
            long v = (random.nextLong() >>> 1) >>> random.nextInt(63);
            assertEquals(Words.wordHash(Long.toString(v)), Words.numberHash(v), Long.toString(v));
        }
    }

    @Test
    void lowerIfWordChar_everyChar_answersAsTheJdkDoes() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            int expected = Character.isLetterOrDigit(ch) ? Character.toLowerCase(ch) : -1;
            assertEquals(expected, Words.lowerIfWordChar(ch), "char " + Integer.toHexString(c));
        }
    }

    @Test
    void forEachWord_splitsOnNonWordCharsAndHashesAsAQueryDoes() {
        List<Long> hashes = new ArrayList<>();
        Words.forEachWord("Order 42 for ACME-Ltd, took\u00e9 7ms", (hash, value) -> hashes.add(hash));
        List<Long> expected = new ArrayList<>();
        for (String word : new String[] {"order", "42", "for", "acme", "ltd", "took\u00e9", "7ms"}) {
            expected.add(Words.wordHash(word));
        }
        assertEquals(expected, hashes);
        assertEquals(Words.wordHash("acme"), Words.wordHash("ACME"));
    }

    @Test
    void forEachWord_randomText_sameHashesAsWordByWordHashing() {
        Random random = new Random(3);
        String alphabet = "abcXYZ019 _-.,:\u00e9\u00c9\u0416\u4e2d\ud83d\ude00";
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(60); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            List<Long> actual = new ArrayList<>();
            List<Long> actualValues = new ArrayList<>();
            Words.forEachWord(text.toString(), (hash, value) -> {
                actual.add(hash);
                actualValues.add(value);
            });
            List<Long> expected = new ArrayList<>();
            List<Long> expectedValues = new ArrayList<>();
            for (String word : text.toString().split("[^\\p{javaLetterOrDigit}]+")) {
                if (!word.isEmpty()) {
                    expected.add(Words.wordHash(word));
                    expectedValues.add(Words.decimalValue(word));
                }
            }
            assertEquals(expected, actual, "text '" + text + "'");
            assertEquals(expectedValues, actualValues, "text '" + text + "'");
        }
    }
}
