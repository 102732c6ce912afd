package io.timberlog.cli;

import io.timberlog.cli.output.SafeText;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SafeTextTest {
    private static String visible(String s, boolean multiLine) {
        StringBuilder sb = new StringBuilder();
        SafeText.appendVisible(sb, s, multiLine);
        return sb.toString();
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder();
        SafeText.appendJson(sb, s);
        return sb.toString();
    }

    @Test
    void appendVisible_escapesEveryUnsafeCharacter() {
        assertEquals("a\\x1b[2Jb\\x07\\x7f\\x9b\\u202e\\u2066\\u2028\\ud800\\r", visible("a\u001b[2Jb\u0007\u007f\u009b\u202e\u2066\u2028\ud800\r", true));
    }

    @Test
    void appendVisible_keepsNewlinesOnlyInMultiLineText() {
        assertEquals("a\nb\tc", visible("a\nb\tc", true));
        assertEquals("a\\nb\\tc", visible("a\nb\tc", false));
    }

    @Test
    void appendVisible_keepsOrdinaryUnicode() {
        assertEquals("caf\u00e9 \ud83d\ude00 \u4e2d", visible("caf\u00e9 \ud83d\ude00 \u4e2d", false));
    }

    /** Text appended straight into a line is made safe where it lies, as appending it would have. */
    @Test
    void makeVisible_escapesInPlaceFromItsStartOnly() {
        for (String s : new String[] {"plain ascii", "a\u001b[2Jb\u0007\u007f\u009b\u202e\u2028\ud800\r", "a\nb\tc",
                "caf\u00e9 \ud83d\ude00 \u4e2d", "\ud83d\ude00 then \u001b", "\ud800"}) {
            for (boolean multiLine : new boolean[] {true, false}) {
                StringBuilder sb = new StringBuilder("\u001b before ").append(s);
                SafeText.makeVisible(sb, "\u001b before ".length(), multiLine);
                assertEquals("\u001b before " + visible(s, multiLine), sb.toString(), s);
            }
        }
    }

    @Test
    void appendJson_escapesPerRfcAndTerminalSafe_loneSurrogatesReplaced() {
        assertEquals("\"q\\\" b\\\\ n\\n t\\t \\u0000 \\u001b \\u007f \\u009b \\u2028 \\u2029 \\u202e \\ufffd \ud83d\ude00\"",
                json("q\" b\\ n\n t\t \u0000 \u001b \u007f \u009b \u2028 \u2029 \u202e \udc00 \ud83d\ude00"));
    }

    @Test
    void appendJson_loneSurrogates_becomeTheReplacementCharacterAtAnyPlace() {
        assertEquals("\"\\ufffd\\ufffdx\\ufffd\"", json("\ud800\udc00\udc00x\ud83d".substring(1)));
        assertEquals("\"\ud800\udc00\\ufffd\"", json("\ud800\udc00\ud800"));
    }
}
