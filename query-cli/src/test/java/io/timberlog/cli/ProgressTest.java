package io.timberlog.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ProgressTest {
    private static Console console(ByteArrayOutputStream err, boolean stderrTerminal) {
        return new Console(new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), false,
                stderrTerminal, Map.of(), Clock.systemUTC(), java.time.ZoneOffset.UTC);
    }

    @Test
    void progress_onTerminal_drawsThenWipesTheLine() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Progress p = Progress.start(console(err, true), () -> 50_000_000L, () -> 200_000_000L, 0)) {
            while (!err.toString(StandardCharsets.UTF_8).contains("reading")) {
                Thread.sleep(10);
            }
        }
        String shown = err.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("\rreading 25% (50.0 of 200.0 MB)"), shown);
        assertTrue(shown.endsWith("\r" + " ".repeat("reading 25% (50.0 of 200.0 MB)".length()) + "\r"), shown);
        assertFalse(shown.contains("\u001b"), "no escape: TERM=dumb prints them");
    }

    @Test
    void progress_notATerminal_showsNothing() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Progress p = Progress.start(console(err, false), () -> 1L, () -> 2L, 0)) {
            Thread.sleep(50);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
