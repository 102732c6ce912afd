package io.timberlog.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark code works end to end on a tiny run: it measures nothing worth reading, and asserts
 * no figure, only that every contender ran and every result was written.
 */
class BenchmarksSmokeTest {

    @Test
    void run_everyContenderOnce_writesEveryContenderIntoJsonAndMarkdown() throws Exception {
        BenchOptions options = SmokeOptions.of("ingest", "all");
        List<Contender> contenders = options.availableContenders();

        String markdown = Benchmarks.run(options, "smoke test");

        String json = Files.readString(options.out().resolve("results.json"));
        for (Contender c : contenders) {
            assertTrue(json.contains("\"contender\" : \"" + c.id() + "\""), c.id() + " missing from results.json");
            assertTrue(markdown.contains("| " + c.label() + " |"), c.label() + " missing from\n" + markdown);
        }
        assertEquals(markdown, Files.readString(options.out().resolve("results.md")));
    }

    @Test
    void run_always_deletesTheRunDirectories() throws Exception {
        BenchOptions options = SmokeOptions.of("ingest", "timberlog-logback");

        Benchmarks.run(options, "smoke test");

        assertTrue(Files.notExists(options.out().resolve("work")));
    }
}
