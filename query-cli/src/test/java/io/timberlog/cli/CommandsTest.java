package io.timberlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.testing.WalFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class CommandsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"query", "runs", "stats", "verify", "compact"})
    void help_everyCommand_hasExamples(String command) {
        java.io.PrintStream systemErr = System.err;
        java.io.ByteArrayOutputStream picocliWarnings = new java.io.ByteArrayOutputStream();
        Cli.Result r;
        try {
            System.setErr(new java.io.PrintStream(picocliWarnings, true, java.nio.charset.StandardCharsets.UTF_8));
            r = Cli.query(command, "--help");
        } finally {
            System.setErr(systemErr);
        }
        // picocli warns about a help text that is not a valid format string (a lone % in it)
        assertEquals("", picocliWarnings.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: timberlog " + command), r.out());
        assertTrue(r.out().contains("Examples:"), r.out());
        assertEquals("", r.err());
        for (String line : r.out().split("\n")) {
            assertTrue(line.length() <= 80, "fits a terminal: " + line);
        }
    }

    @Test
    void help_topLevel_listsCommands() {
        Cli.Result r = Cli.query("--help");
        assertEquals(0, r.code());
        for (String c : List.of("query", "runs", "stats", "verify", "compact")) {
            assertTrue(r.out().contains("  " + c), r.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "query -V", "stats --version", "attach -V"})
    void version_onEveryCommand_printsVersion(String commandLine) {
        Cli.Result r = Cli.query(commandLine.split(" "));
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("timberlog "), r.out());
    }

    @Test
    void stats_nothingLeftByTheFilters_exitsOne() throws Exception {
        Cli.write(dir, w -> w.append(1, Level.INFO, "a.b", "one"));

        assertEquals(0, Cli.query("stats", dir.toString(), "--level", "INFO").code());
        Cli.Result none = Cli.query("stats", dir.toString(), "--level", "ERROR");

        assertEquals(1, none.code(), none.err());
        assertTrue(none.out().contains("Events:      0"), none.out());
    }

    /** A stdout whose every write fails with {@code reason}. */
    private static java.io.OutputStream failing(String reason) {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException(reason);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                throw new java.io.IOException(reason);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "stats", "runs"})
    void output_fullDiskIsAnError_aReaderThatWentAwayIsNot(String command) throws Exception {
        Cli.write(dir, w -> w.append(1, Level.INFO, "a.b", "one"));

        Cli.Result full = new Cli().run(failing("No space left on device"), command, dir.toString());
        Cli.Result gone = new Cli().run(failing("Broken pipe"), command, dir.toString());

        assertEquals(2, full.code(), full.err());
        assertEquals("timberlog: I/O error: cannot write to standard output: No space left on device\n",
                full.err().replace(System.lineSeparator(), "\n"));
        assertEquals(0, gone.code(), gone.err());
        assertEquals("", gone.err());
    }

    @Test
    void options_repeatedAndDefaulted_reachTheCommand() throws Exception {
        Cli.write(dir, w -> {
            w.append(1, Level.INFO, "a.b", "one");
            w.append(2, Level.WARN, "c.d", "two");
            w.append(3, Level.ERROR, "e.f", "three");
        });
        Cli.Result r = Cli.query("query", dir.toString(), "--logger", "a.b", "--logger", "e.f", "-o", "RAW");
        assertEquals(0, r.code(), r.err());
        assertEquals("one\nthree\n", r.out().replace(System.lineSeparator(), "\n"));
        Cli.Result stats = Cli.query("stats", dir.toString(), "--format", "json");
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().startsWith("{"), stats.out());
    }

    @Test
    void runs_listsEachRunWithIndex() throws Exception {
        Cli.write(dir, w -> w.append(1, Level.INFO, "l", "one"));
        Cli.write(dir, w -> {
            w.append(2, Level.INFO, "l", "two");
            w.append(3, Level.INFO, "l", "three");
        });
        Cli.Result r = Cli.query("runs", dir.toString(), "--utc");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].startsWith(" IDX  RUN"), lines[0]);
        assertTrue(lines[1].matches("\\s+-1 .* 1  clean .*"), lines[1]);
        assertTrue(lines[2].matches("\\s+0 .* 2  clean .*"), lines[2]);
    }

    @Test
    void runs_json_oneObjectPerRun() throws Exception {
        Cli.write(dir, w -> w.append(1, Level.INFO, "l", "one"));
        JsonNode run = new ObjectMapper().readTree(Cli.query("runs", dir.toString(), "--format", "json").out());
        assertEquals(0, run.get("index").asInt());
        assertEquals("CLEAN", run.get("state").asText());
        assertEquals(1, run.get("events").asInt());
    }

    @Test
    void stats_text_showsEverySection() throws Exception {
        SampleStore.write(dir);
        Cli.Result r = Cli.query("stats", dir.toString(), "--utc");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("Events:      6\n"), out);
        assertTrue(out.contains("Time range:  2024-01-01 00:00:01 .. 2024-01-01 00:00:06 (5s)"), out);
        assertTrue(out.contains("Levels:      TRACE 0  DEBUG 1  INFO 3  WARN 1  ERROR 1  FATAL 0"), out);
        assertTrue(out.contains("         3  order {} for {} took {} ms\n"), out);
        assertTrue(out.contains("         4  com.acme.orders.OrderService\n"), out);
        assertTrue(out.contains("         1  java.lang.IllegalStateException: wrapped\n"), out);
        assertTrue(out.contains("  2024-01-01 00:00 E"), out);
        assertTrue(out.contains(" 6 (1 error, 1 warning)"), out);
    }

    /**
     * Events stamped at the ends of what epoch nanoseconds hold (stamped by hand beyond them): more than
     * a long of nanoseconds apart, and the first in a minute that starts before the earliest of them.
     */
    @Test
    void stats_eventsAtTheEndsOfWhatNanosecondsHold_rangeAndHistogramCountThemRight() throws Exception {
        Cli.write(dir, w -> {
            w.append(w.event(0, Level.INFO, "l", "earliest").timestamp(Long.MIN_VALUE));
            w.append(0, Level.INFO, "l", "now");
            w.append(w.event(0, Level.ERROR, "l", "latest").timestamp(Long.MAX_VALUE));
        });
        Cli.Result r = Cli.query("stats", dir.toString(), "--utc");
        String out = r.out();
        assertTrue(out.contains("Time range:  1677-09-21 00:12:43 .. 2262-04-11 23:47:16 (213503d 23h)\n"), out);
        List<String> rows = out.lines().filter(l -> l.matches("  \\d{4}-.*")).toList();
        assertEquals(3, rows.size(), out);
        assertTrue(rows.get(0).startsWith("  1677-") && rows.get(0).endsWith(" 1"), out);
        assertTrue(rows.get(2).startsWith("  2262-") && rows.get(2).endsWith(" 1 (1 error)"), out);

        JsonNode minutes = new ObjectMapper().readTree(Cli.query("stats", dir.toString(), "--format", "json").out())
                .get("perMinute");
        assertEquals("1677-09-21T00:12:43.145224192Z", minutes.get(0).get("minute").asText(), "the earliest time held");
        assertEquals(0, minutes.get(0).get("ERROR").asInt());
        assertEquals(1, minutes.get(2).get("ERROR").asInt());
    }

    @Test
    void stats_topZero_leavesOutTheTopSections() throws Exception {
        SampleStore.write(dir);
        String out = Cli.query("stats", dir.toString(), "--top", "0").out();
        assertFalse(out.contains("Top "), out);
        assertTrue(out.contains("Events per minute"), out);
    }

    @Test
    void stats_eventsWithoutTemplateOrLoggerName_areNamedSo() throws Exception {
        Cli.write(dir, w -> w.append(w.event(1, Level.INFO, "", "").formattedMessage("user 7 logged in")));
        String out = Cli.query("stats", dir.toString()).out();
        assertTrue(out.contains("         1  (root)\n"), out);
        assertTrue(out.contains("         1  (no template)\n"), out);
    }

    @Test
    void stats_manyStores_listedWithin80Columns() throws Exception {
        for (int i = 0; i < 30; i++) {
            Cli.write(dir.resolve("service-instance-" + i), w -> w.append(1, Level.INFO, "l", "one"));
        }
        Cli.Result r = Cli.query("stats", dir.toString());
        String out = r.out();
        assertTrue(out.startsWith("Stores:      30 (service-instance-0, "), out + r.err());
        for (int i = 0; i < 30; i++) {
            assertTrue(java.util.regex.Pattern.compile("[ (]service-instance-" + i + "[,)]").matcher(out).find(), out);
        }
        for (String line : out.split("\n")) {
            assertTrue(line.length() <= 80, line.length() + ": " + line);
        }
    }

    @Test
    void stats_json_narrowedByFilters() throws Exception {
        SampleStore.write(dir);
        JsonNode stats = new ObjectMapper().readTree(Cli.query("stats", dir.toString(), "--format", "json",
                "--since", "2024-01-01T00:00:04Z").out());
        assertEquals(3, stats.get("events").asInt());
        assertEquals(1, stats.at("/levels/ERROR").asInt());
        assertEquals("order {} for {} took {} ms", stats.at("/topTemplates/0/template").asText());
        assertEquals(2, stats.at("/topTemplates/0/count").asInt());
        assertEquals("java.lang.IllegalStateException", stats.at("/topExceptions/0/class").asText());
        assertEquals(3, stats.at("/perMinute/0/INFO").asInt() + stats.at("/perMinute/0/ERROR").asInt());
    }

    @Test
    void stats_exceptionFingerprint_countsSameFailureOnce() throws Exception {
        Cli.write(dir, w -> {
            for (int i = 0; i < 3; i++) {
                w.append(w.event(i, Level.ERROR, "l", "failed {}", (long) i).throwable(io.timberlog.core.ThrowableInfo.of(
                        "java.io.IOException", "attempt " + i, List.of("a.B.c(B.java:1)", "a.B.d(B.java:2)"), 0, null, List.of())));
            }
            w.append(w.event(9, Level.ERROR, "l", "other").throwable(io.timberlog.core.ThrowableInfo.of(
                    "java.io.IOException", "elsewhere", List.of("x.Y.z(Y.java:1)"), 0, null, List.of())));
        });
        JsonNode stats = new ObjectMapper().readTree(Cli.query("stats", dir.toString(), "-o", "json").out());
        assertEquals(3, stats.at("/topExceptions/0/count").asInt());
        assertEquals("2024-01-01T00:00:00.000000000Z", stats.at("/topExceptions/0/first").asText());
        assertEquals("2024-01-01T00:00:02.000000000Z", stats.at("/topExceptions/0/last").asText());
        assertEquals(1, stats.at("/topExceptions/1/count").asInt());
    }

    @Test
    void verify_wholeStore_exitsZero() throws Exception {
        SampleStore.write(dir);
        Cli.Result r = Cli.query("verify", dir.toString());
        assertEquals(0, r.code(), r.out());
        assertEquals("whole: 1 file, 6 intact events, 0 damaged ranges\n", r.out());
    }

    @Test
    void verify_damagedSegment_listsRangeAndExitsOne() throws Exception {
        SampleStore.write(dir);
        Cli.write(dir, w -> w.append(7, Level.INFO, "l", "the second run"));
        Path segment;
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            segment = files.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        bytes[60] ^= 0x01; // inside the first block's frame
        Files.write(segment, bytes);
        Cli.Result r = Cli.query("verify", dir.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().startsWith("damaged: " + segment + ": bytes 32.."), r.out());
        assertTrue(r.out().contains("DAMAGED: 2 files, 1 intact event,"), r.out());
        Cli.Result q = Cli.query(dir.toString(), "-o", "raw");
        assertEquals(0, q.code());
        assertEquals("the second run\n", q.out());
        assertTrue(q.err().startsWith("timberlog: warning: damaged range skipped: " + segment), q.err());
    }

    @Test
    void query_damagedManifest_warnsThatItWasRebuiltNotThatEventsWereSkipped() throws Exception {
        SampleStore.write(dir);
        String before = Cli.query(dir.toString(), "-o", "raw").out();
        Path manifest = dir.resolve("manifest.json");
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(manifest, json.replaceFirst("\"minSequence\":0", "\"minSequence\":2"), StandardCharsets.UTF_8);
        Cli.Result q = Cli.query(dir.toString(), "-o", "raw");
        assertEquals(0, q.code(), q.err());
        assertEquals(before, q.out());
        assertTrue(q.err().startsWith("timberlog: warning: " + manifest + ": bytes 0.."), q.err());
        assertTrue(q.err().contains("rebuilt it from the footers"), q.err());
        assertFalse(q.err().contains("skipped"), q.err());
    }

    @Test
    void compact_walFilesOfACrashedWriter_convertsThemAndKeepsEveryEvent() throws Exception {
        WalFixtures.writeRun(dir, 500, 3);
        String before = Cli.query(dir.toString(), "-o", "json").out();
        Cli.Result r = Cli.query("compact", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("compacted [1-9][0-9]* WAL files? into segments\n"), r.out());
        try (Stream<Path> wal = Files.list(dir.resolve("wal"))) {
            assertEquals(0, wal.count());
        }
        assertEquals(before, Cli.query(dir.toString(), "-o", "json").out());
        assertEquals("compacted 0 WAL files into segments\n", Cli.query("compact", dir.toString()).out());
    }

    @Test
    void compact_whileAWriterHoldsTheStore_refusesInOneLine() throws Exception {
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).problemListener((m, c) -> { }).build())) {
            Cli.Result r = Cli.query("compact", dir.toString());
            assertEquals(2, r.code());
            assertTrue(r.err().startsWith("timberlog: store " + dir + " is locked by "), r.err());
            assertEquals(1, r.err().split("\n").length, r.err());
        }
    }

    /** compact takes what the other commands read: every store below a root, a store's fallback stores. */
    @Test
    void compact_rootOfStores_compactsEach_andGoesOnPastALockedOne() throws Exception {
        WalFixtures.writeRun(dir.resolve("a"), 500, 3);
        WalFixtures.writeRun(dir.resolve("b/fallback/pid-4711"), 500, 3);
        Files.createDirectories(dir.resolve("b"));
        WalFixtures.writeRun(dir.resolve("b"), 500, 3);
        String before = Cli.query(dir.toString(), "-o", "json").out();
        try (LogStore held = LogStore.open(StoreOptions.builder(dir.resolve("c")).problemListener((m, c) -> { }).build())) {
            Cli.Result r = Cli.query("compact", dir.toString());

            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals(List.of("a: compacted", "b: compacted", "b/fallback/pid-4711: compacted"),
                    r.out().lines().map(l -> l.substring(0, l.indexOf(" compacted") + 10)).toList(), r.out());
            assertTrue(r.err().startsWith("timberlog: store " + dir.resolve("c") + " is locked by "), r.err());
            assertEquals(1, r.err().split("\n").length, r.err());
        }
        for (String store : List.of("a", "b", "b/fallback/pid-4711")) {
            try (Stream<Path> wal = Files.list(dir.resolve(store).resolve("wal"))) {
                assertEquals(0, wal.count(), store);
            }
        }
        String after = Cli.query(dir.toString(), "-o", "json").out();
        assertEquals(before.lines().count(), after.lines().count());
    }

    @Test
    void compact_manifestThatIsADirectory_namesIt() throws Exception {
        WalFixtures.writeRun(dir, 500, 3);
        Path manifest = Files.createDirectory(dir.resolve("manifest.json"));
        Cli.Result r = Cli.query("compact", dir.toString());
        assertEquals(2, r.code());
        // the warning that it is rebuilt, then the error: the new manifest cannot take its place
        String error = r.err().lines().reduce((a, b) -> b).orElse("");
        assertEquals("timberlog: cannot replace " + manifest + " with " + manifest + ".tmp: Is a directory", error, r.err());
    }

    @Test
    void compact_directoryThatIsNoStore_refusesInOneLine() throws Exception {
        Cli.Result r = Cli.query("compact", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a TimberLog store"), r.err());
    }

    @Test
    void manPage_describesEveryCommandAndOption() {
        String page = ManPage.render(Timberlog.commandLine(new Cli().console()));
        assertTrue(page.startsWith(".TH TIMBERLOG 1"), page);
        for (String s : List.of(".SS \"timberlog query DIR [OPTIONS]\"", ".SS \"timberlog runs DIR", "\\fB\\-\\-follow\\fR",
                "\\fB\\-\\-pattern\\fR \\fIPATTERN\\fR", ".SH EXIT STATUS", ".SS \"timberlog attach PID [OPTION...] [OPTIONS]\"",
                "\\fBTZ\\fR")) {
            assertTrue(page.contains(s), s);
        }
    }

    @Test
    void manPage_optionTextsAsHelpPrintsThem_noLineIndented() {
        String page = ManPage.render(Timberlog.commandLine(new Cli().console()));
        // picocli hands option texts out formatted: a %n in the pattern is the pattern's, not a break
        assertTrue(page.contains("%logger{36} \\- %msg%n'."), page);
        boolean asIs = false; // between .nf and .fi (the examples) lines are kept as they are
        for (String line : page.split("\n")) {
            asIs = line.equals(".nf") || asIs && !line.equals(".fi");
            assertFalse(!asIs && line.startsWith(" "), "troff would break before: " + line);
        }
    }

    /** Help and man page fit a terminal of 80 columns: an example cut by the terminal reads as two. */
    @ParameterizedTest
    @ValueSource(strings = {"", "query", "runs", "stats", "verify", "compact", "attach"})
    void help_fitsEightyColumns(String command) {
        String help = (command.isEmpty() ? Cli.query("--help") : Cli.query(command, "--help")).out();
        for (String line : help.split("\n")) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
    }

    @Test
    void manPage_fitsEightyColumns_examplesWhole() throws Exception {
        Path groff = Path.of("/usr/bin/groff");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(groff), "groff renders man pages");
        Path page = dir.resolve("timberlog.1");
        Files.writeString(page, ManPage.render(Timberlog.commandLine(new Cli().console())));
        Process p = new ProcessBuilder(groff.toString(), "-man", "-Tutf8", "-rLL=80n", "-P-cbou", page.toString()).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
        assertTrue(text.contains("       timberlog query DIR --template 'order {} for {} took {} ms' --arg '2>500'\n"
                + "              slow orders, as numbers\n"), text);
    }

    @Test
    void help_tokensWithColonsOrBangs_areNotCutInTwo() {
        String help = Cli.query("query", "--help").out();
        assertTrue(help.contains("(2024-05-01T10:00:00Z,"), help);
        assertTrue(help.contains("1!=ok;"), help);
        assertTrue(help.contains("'%d %-5level [%thread] %logger{36} - %msg%n'."), help);
        assertTrue(Cli.query("--help").out().contains("-XX:+EnableDynamicAgentLoading."), "the command list too");
    }
}
