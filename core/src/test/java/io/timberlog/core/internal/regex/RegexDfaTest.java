package io.timberlog.core.internal.regex;

import io.timberlog.core.internal.format.TextAutomaton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegexDfaTest {
    /** Chars the random texts are made of: ASCII, a line terminator, Latin-1, a BMP letter, both halves of a pair. */
    private static final String ALPHABET = "ab-.1 x\n\r\u00e9\u2028\u4e2d\ud83d\ude00_";

    @ParameterizedTest
    @ValueSource(strings = {"took 1[0-4][0-9][0-9] ms", "", "^order", "a|b|", "(?:x|y)+z", "(?<name>a)b", "[^\\s]+",
            "\\Qa.b\\E", "a{2,3}?", "[a-]", "\\x41\\u00e9", "\\.\\*", "time[sd]? ?out", "^", "[\\w.]+@\\w+"})
    void compilesThePartOfTheSyntaxItTakes(String regex) {
        assertNotNull(RegexDfa.compile(Pattern.compile(regex)), regex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\bword", "a$", "(?i)x", "a*+", "(?=a)", "(a)\\1", "[a&&b]", "\\p{L}", "\ud83d\ude00",
            "^a|b", "[[a]b]", "a{1000}", "x^", "(?<=a)b", "(?>a)", "\\uD800", "[\\x00-\\uFFFF]", "\\Gx", "\\R"})
    void refusesWhatItCannotMatchExactly(String regex) {
        assertNull(RegexDfa.compile(Pattern.compile(regex)), regex);
    }

    @Test
    void refusesFlags() {
        assertNull(RegexDfa.compile(Pattern.compile("a", Pattern.CASE_INSENSITIVE)));
    }

    @Test
    void findsWhatMatcherFindFinds() {
        Random random = new Random(42);
        int compiled = 0;
        for (int p = 0; p < 3000; p++) {
            String regex = randomRegex(random, 3);
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (RuntimeException e) {
                continue;
            }
            RegexDfa dfa = RegexDfa.compile(pattern);
            if (dfa == null) {
                continue;
            }
            compiled++;
            for (int t = 0; t < 40; t++) {
                String text = randomText(random);
                boolean expected = pattern.matcher(text).find();
                assertEquals(expected, dfa.find(text), () -> "/" + regex + "/ on '" + text + "'");
                assertEquals(expected, readInPieces(dfa, text, random), () -> "/" + regex + "/ in pieces of '" + text + "'");
            }
        }
        assertTrue(compiled > 2000, "only " + compiled + " random patterns compiled");
    }

    @Test
    void readsNumbersAsTheirText() {
        RegexDfa dfa = RegexDfa.compile(Pattern.compile("-?9[0-4]2|-0|00|808|7-"));
        Random random = new Random(7);
        long[] edges = {0, -1, 1, 9, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE, 9_999_999_999_999_999L,
                10_000_000_000_000_000L, -9_999_999_999_999_999L, -10_000_000_000_000_000L, 942, -912};
        for (int k = 0; k < 10_000; k++) {
            long v = k < edges.length ? edges[k] : random.nextLong() >> random.nextInt(64);
            String text = Long.toString(v);
            int s = dfa.readNumber(dfa.start(), v);
            assertEquals(dfa.read(dfa.start(), text, 0, text.length()), s, text);
        }
    }

    @Test
    void aPairSplitBetweenPiecesIsUnsure() {
        RegexDfa dfa = RegexDfa.compile(Pattern.compile("a.b"));
        String text = "a\ud83d\ude00b";
        assertEquals(TextAutomaton.UNSURE, dfa.read(dfa.start(), text, 0, 2));
        assertEquals(TextAutomaton.UNSURE, dfa.read(dfa.start(), text, 2, 4));
        assertTrue(dfa.find(text));
        assertFalse(dfa.find("a\ud83d\ude00\ud83d\ude00b"));
    }

    /** The answer when the text is read in random pieces, the answer of a whole read when a piece was unsure. */
    private static boolean readInPieces(RegexDfa dfa, String text, Random random) {
        int s = dfa.start();
        int at = 0;
        while (at < text.length()) {
            int end = at + 1 + random.nextInt(text.length() - at);
            s = dfa.read(s, text, at, end);
            if (s == TextAutomaton.UNSURE) {
                return dfa.find(text);
            }
            at = end;
        }
        return s == RegexDfa.MATCHED;
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String randomRegex(Random random, int depth) {
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(10) == 0) {
            sb.append('^');
        }
        int parts = 1 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            sb.append(randomAtom(random, depth));
            switch (random.nextInt(12)) {
                case 0: sb.append('*'); break;
                case 1: sb.append('+'); break;
                case 2: sb.append('?'); break;
                case 3: sb.append("{1,2}"); break;
                case 4: sb.append("*?"); break;
                case 5: sb.append("{2}"); break;
                default: break;
            }
        }
        if (random.nextInt(6) == 0) {
            sb.append('|').append(randomAtom(random, depth));
        }
        return sb.toString();
    }

    private static String randomAtom(Random random, int depth) {
        String[] atoms = {"a", "b", "-", "\\.", ".", "1", " ", "\u00e9", "\u4e2d", "[ab]", "[^a]", "[a-c]", "\\d", "\\D",
                "\\w", "\\W", "\\s", "\\S", "[^\\n]", "\\n", "x", "[.\u00e9]", "\\u2028", "_"};
        if (depth > 0 && random.nextInt(5) == 0) {
            return (random.nextBoolean() ? "(" : "(?:") + randomRegex(random, depth - 1) + ")";
        }
        return atoms[random.nextInt(atoms.length)];
    }
}
