package io.timberlog.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The completion script, sourced into bash and asked what completes a command line, as bash would ask it. */
class CompletionScriptTest {
    @TempDir
    static Path dir;
    private static Path script;

    @BeforeAll
    static void generate() throws Exception {
        Cli.Result r = new Cli().run("generate-completion");
        assertEquals(0, r.code(), r.err());
        script = dir.resolve("timberlog_completion");
        Files.writeString(script, r.out());
    }

    @Test
    void commands_completeAtTheStart() throws Exception {
        assertEquals(List.of("stats"), complete("timberlog", "st"));
    }

    @Test
    void aLineNamingNoCommand_completesAsAQuery() throws Exception {
        assertTrue(complete("timberlog", "/var/log/store", "--le").contains("--level"));
        assertTrue(complete("timberlog", "--le").contains("--level"), "timberlog --level WARN DIR is a query too");
        assertEquals(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"),
                complete("timberlog", "/var/log/store", "--level", ""));
    }

    @Test
    void aNamedCommand_completesItsOwnOptions() throws Exception {
        assertEquals(List.of("--since"), complete("timberlog", "stats", "/var/log/store", "--si"));
        assertEquals(List.of("--grep"), complete("timberlog", "query", "/var/log/store", "--gr"));
        assertFalse(complete("timberlog", "runs", "/var/log/store", "--").contains("--grep"));
    }

    /** What the script offers for the last of {@code words}, the word being completed. */
    private static List<String> complete(String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append('\'');
        }
        // compopt works only while bash completes a line: a no-op here
        String bash = "source '" + script + "'\ncompopt() { :; }\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + String.join(" ", words) + "'\n"
                + "_complete_timberlog\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> offered = new ArrayList<>(Arrays.asList(out.split("\n")));
        offered.removeIf(String::isEmpty);
        return offered;
    }
}
