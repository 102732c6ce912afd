package io.timberlog.core.internal.query;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class RegexWordsTest {
    private static List<String> words(String regex, int flags) {
        return RegexWords.required(Pattern.compile(regex, flags));
    }

    private static List<String> words(String regex) {
        return words(regex, 0);
    }

    @Test
    void required_plainCharacters_giveTheWordsClosedOnBothSides() {
        assertEquals(List.of("took"), words("order \\d+ took \\d+ ms"));
        assertEquals(List.of("for", "took"), words("customer-12[0-9]{2} for took 14[0-9]{2} ms"));
        assertEquals(List.of("b"), words("a\\.b\\sc"));
    }

    @Test
    void required_wordsAMatchMayNotHoldWhole_areLeftOut() {
        assertEquals(List.of(), words("timeout"), "a match may be inside a longer word");
        assertEquals(List.of(), words("x colou?r y"), "an optional letter");
        assertEquals(List.of(), words("x took+ y"), "a repeated letter");
        assertEquals(List.of(), words("x .ook y"), "any character may be a letter");
        assertEquals(List.of(), words("x [tT]ook y"), "a class may be a letter");
        assertEquals(List.of(), words("x (took) y"), "a group may be optional");
        assertEquals(List.of("took"), words("x \\w+ took y"), "\\w ends a run; took is in one of its own");
        assertEquals(List.of(), words("x took ?y"), "an optional space");
    }

    @Test
    void required_constructsItDoesNotRead_giveNoWords() {
        assertEquals(List.of(), words("a took b|c"));
        assertEquals(List.of(), words("(?i)a took b"));
        assertEquals(List.of(), words("a \\Qtook\\E b"));
        assertEquals(List.of(), words("a \\x41 took b"));
        assertEquals(List.of(), words("a took b", Pattern.COMMENTS));
        assertEquals(List.of("took"), words("a took b", Pattern.CASE_INSENSITIVE), "the caller judges case");
        assertEquals(List.of("took"), words("a took b", Pattern.LITERAL));
    }

    @Test
    void required_everyWordFound_isInEveryMatch() {
        String[] patterns = {"order \\d+ took \\d+ ms", "a\\.b\\sc", "x{2} y z{1,3}", "[a] b c [d]", "q \\t r \\n s"};
        String[] inputs = {"order 5 took 17 ms", "a.b c", "xx y zz", "a b c d", "q \t r \n s"};
        for (int k = 0; k < patterns.length; k++) {
            Pattern p = Pattern.compile(patterns[k]);
            assertTrue(p.matcher(inputs[k]).find(), patterns[k]);
            for (String word : RegexWords.required(p)) {
                assertTrue(io.timberlog.core.internal.segment.Words.wordsWithin(inputs[k], true).contains(word),
                        word + " of " + patterns[k]);
            }
        }
    }
}
