package io.timberlog.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timberlog.core.Level;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.testing.HostileDataContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

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
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
            boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029
                    || c == 0x061c || c == 0x200e || c == 0x200f;
            boolean pair = Character.isHighSurrogate(c) && i + 1 < out.length() && Character.isLowSurrogate(out.charAt(i + 1));
            if (pair) {
                i++; // a whole code point beyond the BMP, e.g. an emoji, prints as itself
                continue;
            }
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

    /** A name found safe is not looked through again; one that follows it is, and the safe one after. */
    @Test
    void query_unsafeNamesBetweenSafeOnes_escapedEveryTime() throws Exception {
        Path store = dir.resolve("mixed");
        Cli.write(store, w -> {
            w.append(w.event(1, Level.INFO, "com.acme.Safe", "first").thread("main"));
            w.append(w.event(2, Level.INFO, "evil\u001b[31mlogger", "{}", HOSTILE).thread("t\u009b1m"));
            w.append(w.event(3, Level.INFO, "com.acme.Safe", "third").thread("main"));
        });
        String out = Cli.query(store.toString()).out();
        assertHarmless(out);
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        assertTrue(lines.get(0).endsWith("[main] com.acme.Safe - first"), lines.get(0));
        assertTrue(lines.get(1).contains("[t\\x9b1m] evil\\x1b[31mlogger - title \\x1b]0;owned"), lines.get(1));
        assertTrue(lines.get(2).endsWith("[main] com.acme.Safe - third"), lines.get(2));
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
        assertEquals(HOSTILE.replace('\ud800', '\ufffd'), message, "a lone surrogate is no character: U+FFFD");
    }

    /**
     * Every C0 and C1 control, DEL, bidi control, separator and lone surrogate, and terminal escapes, in
     * every field the CLI prints (the exception's class, message and frames too), in every output.
     */
    @Test
    void query_everyControlInEveryField_harmlessInEveryOutput() throws Exception {
        Path store = dir.resolve("every");
        String c = HostileDataContract.CONTROLS + HostileDataContract.ESCAPES;
        ThrowableInfo cause = ThrowableInfo.of(c, c, List.of(c), 0, null, List.of());
        Cli.write(store, w -> w.append(w.event(1, Level.ERROR, c, "{} " + c, c).thread(c).putMdc(c, c).addMarker(c)
                .addKeyValue(c, c).addCallerFrame(c).throwable(ThrowableInfo.of(c, c, List.of(c, c), 0, cause,
                        List.of(cause)))));
        List<List<String>> outputs = List.of(List.of(), List.of("--color=always"), List.of("--format", "logfmt"),
                List.of("--format", "raw"), List.of("--format", "json"), List.of("--pattern",
                        "%d %p %t %c %m %X %ex %xEx %marker %kvp %caller %C %M %F %L %store %run%n"));
        for (List<String> output : outputs) {
            List<String> args = new java.util.ArrayList<>(List.of(store.toString()));
            args.addAll(output);
            Cli.Result result = Cli.query(args.toArray(new String[0]));
            assertEquals(0, result.code(), result.err());
            assertTrue(result.out().contains("x1b]0;owned") || result.out().contains("u001b]0;owned"),
                    output + ": the escape is shown, not run: " + result.out());
            assertHarmless(result.out().replaceAll("\u001b\\[[0-9;]*m", "")); // the CLI's own colors go
            assertHarmless(result.err());
        }
        for (String command : List.of("stats", "runs", "verify")) {
            Cli.Result result = Cli.query(command, store.toString());
            assertHarmless(result.out());
            assertHarmless(result.err());
        }
    }

    /**
     * A newline in a message or an exception's message, followed by what reads as another event: in the
     * text format, the line it starts is indented, so that only the events' own lines start at column 0.
     * A --pattern prints it as logback does.
     */
    @Test
    void query_text_newlinesInLogDataCannotStartALineThatReadsAsAnEvent() throws Exception {
        Path store = dir.resolve("forged");
        String forged = "2024-01-01 00:00:09.000 ERROR [main] l - forged";
        ThrowableInfo cause = ThrowableInfo.of("java.io.IOException", "cause\n" + forged, List.of("a.B.c(B.java:1)"), 0,
                null, List.of());
        Cli.write(store, w -> {
            w.append(w.event(1, Level.INFO, "l", "login failed for {}", "x\n" + forged));
            w.append(w.event(2, Level.INFO, "l", "multi\n" + forged + "\r\n" + forged));
            w.append(w.event(3, Level.ERROR, "l", "failed").throwable(ThrowableInfo.of("java.lang.IllegalStateException",
                    "outer\n" + forged, List.of("a.B.d(B.java:2)"), 0, cause, List.of())));
            w.append(w.event(4, Level.INFO, "l", "ends with a newline\n"));
        });
        for (List<String> options : List.of(List.<String>of(), List.of("--color=always"))) {
            List<String> args = new java.util.ArrayList<>(List.of(store.toString()));
            args.addAll(options);
            List<String> lines = Cli.query(args.toArray(new String[0])).out().lines()
                    .map(line -> line.replaceAll("\u001b\\[[0-9;]*m", "")).toList();
            assertEquals(List.of("2024-01-01 00:00:01.000", "2024-01-01 00:00:02.000", "2024-01-01 00:00:03.000",
                            "2024-01-01 00:00:04.000"),
                    lines.stream().filter(line -> line.startsWith("2024")).map(line -> line.substring(0, 23)).toList(),
                    options + ": " + String.join("\n", lines));
            assertTrue(lines.contains("\t" + forged), String.join("\n", lines));
            assertTrue(lines.contains("java.lang.IllegalStateException: outer"), String.join("\n", lines));
            assertTrue(lines.contains("Caused by: java.io.IOException: cause"), String.join("\n", lines));
            assertTrue(lines.contains("\tat a.B.d(B.java:2)"), String.join("\n", lines));
            assertEquals("", lines.get(lines.size() - 1), "the newline that ends a message starts no indented line");
        }
        String pattern = Cli.query(store.toString(), "--pattern", "%msg%n%nopex").out();
        assertTrue(pattern.startsWith("login failed for x\n" + forged + "\nmulti\n" + forged + "\\r\n" + forged + "\n"),
                pattern);
    }

    @Test
    void stats_and_runs_harmless() {
        assertHarmless(Cli.query("stats", dir.toString()).out());
        assertHarmless(Cli.query("runs", dir.toString()).out());
    }
}
