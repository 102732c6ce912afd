package io.timberlog.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timberlog.core.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Log content is data: escape sequences in it must never reach the terminal as escape sequences. */
class TerminalSafetyTest {
    static final String HOSTILE = "title \u001b]0;owned\u0007 clear \u001b[2J csi \u009b31m bidi \u202eevil\u202c "
            + "isolate \u2066x\u2069 del \u007f sep \u2028 lone \ud800 cr \r nul \u0000";

    @TempDir
    Path dir;

    @BeforeEach
    void hostileStore() throws Exception {
        Cli.write(dir, w -> w.append(w.event(1, Level.ERROR, "evil\u001b[31mlogger", "{}", HOSTILE)
                .thread("t\u009b1m").putMdc("k\u001b", "v\u0007").addKeyValue("kv", "\u202e")));
    }

    private static void assertHarmless(String out) {
        for (char c : out.toCharArray()) {
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
            boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
            assertFalse(control || bidi || Character.isSurrogate(c),
                    "unsafe character U+" + Integer.toHexString(c) + " in: " + out);
        }
    }

    @Test
    void query_text_rendersEscapesVisible() {
        String out = Cli.query(dir.toString()).out();
        assertHarmless(out);
        assertTrue(out.contains("title \\x1b]0;owned\\x07 clear \\x1b[2J csi \\x9b31m bidi \\u202eevil\\u202c"), out);
        assertTrue(out.contains("evil\\x1b[31mlogger"), out);
    }

    @Test
    void query_textWithColors_escapesDataButKeepsOwnColors() {
        String out = Cli.query(dir.toString(), "--color=always").out();
        assertTrue(out.contains("\\x1b]0;owned"), out);
        assertFalse(out.contains("\u001b]"), out);
        assertFalse(out.contains("\u001b[2J"), out);
    }

    @Test
    void query_logfmtRawAndPattern_harmless() {
        assertHarmless(Cli.query(dir.toString(), "--format", "logfmt").out());
        assertHarmless(Cli.query(dir.toString(), "--format", "raw").out());
        assertHarmless(Cli.query(dir.toString(), "--pattern", "%thread %mdc %kvp %logger %msg%n").out());
    }

    @Test
    void query_json_escapesControlsAndParsesBack() throws Exception {
        String out = Cli.query(dir.toString(), "--format", "json").out();
        assertHarmless(out);
        assertTrue(out.contains("\\u001b]0;owned\\u0007"), out);
        assertTrue(out.contains("\\u009b31m"), out);
        assertTrue(out.contains("\\u2028"), out);
        assertTrue(out.contains("\\u202e"), out);
        String message = new ObjectMapper().readTree(out).get("message").asText();
        assertEquals(HOSTILE, message);
    }

    @Test
    void stats_and_runs_harmless() {
        assertHarmless(Cli.query("stats", dir.toString()).out());
        assertHarmless(Cli.query("runs", dir.toString()).out());
    }
}
