package io.timberlog.cli;

import io.timberlog.testing.Directories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Damage: seeded bit flips, truncations, zeroed and garbage blocks, swapped and copied files in the
 * WAL files, segments, manifest and wal.meta of a store, read by the CLI (in this JVM, as a user runs
 * it). In every case, within a time bound: no stack trace and no hang; every event printed is one the
 * store held, intact and once; every event of a file the damage did not touch is printed; and when
 * events are missing, the query warns and {@code verify} exits non-zero. A changed segment always
 * fails {@code verify} (every byte of it is under a checksum). Each case also runs a word query
 * ({@code --text}), whose Bloom filters and block scans may meet the damage: it prints what the
 * same query printed on the intact store, less only events of the files the damage touched.
 *
 * <p>{@value #CASES_PROPERTY} sets the number of cases (1,000 in the build, 10,000 with the
 * {@code reliability} profile). A failing case names its seed; its store is kept under
 * {@code target/damage-failures}.
 */
class DamageTest {
    static final String CASES_PROPERTY = "timberlog.damage.cases";
    private static final long SEED = 20261128L;
    private static final int FIXTURES = 4;
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SEQ = Pattern.compile("\"seq\":([0-9]+)");
    private static final String UNKNOWN_STRING = "[unknown string #";
    /** The fields of an event's run in a JSON line. */
    /** Words of the fixture's messages, one per case in turn: common, rare, in literal and stored messages. */
    private static final List<String> WORDS = List.of("order", "42", "line", "Message", "outer", "431", "unicode");
    private static final Pattern RUN_FIELDS = Pattern.compile("\"run\":\"[^\"]*\",\"pid\":[0-9]+,\"host\":\"[^\"]*\",");

    @TempDir
    Path tmp;

    @Test
    void damage_seededCases_cliReturnsEveryIntactEventReportsTheRestAndNeverCrashes() throws Exception {
        int cases = Integer.getInteger(CASES_PROPERTY, 1000);
        Map<StoreDamage.Kind, Integer> byKind = new EnumMap<>(StoreDamage.Kind.class);
        int withLoss = 0;
        long eventsChecked = 0;
        for (int f = 0; f < FIXTURES; f++) {
            DamageFixture fixture = DamageFixture.write(tmp.resolve("fixture-" + f), SEED + f);
            Map<Long, String> reference = query(fixture.dir).lines;
            Map<String, Map<Long, String>> wordReferences = new HashMap<>();
            for (String word : WORDS) {
                wordReferences.put(word, query(fixture.dir, "--text", word).lines);
            }
            for (int c = f; c < cases; c += FIXTURES) {
                long seed = SEED * 100_000 + c;
                Path store = tmp.resolve("case");
                Directories.copy(fixture.dir, store);
                StoreDamage damage = StoreDamage.apply(fixture, store, seed);
                String name = "case " + c + " (seed " + seed + ", fixture " + f + "): " + damage;
                try {
                    String word = WORDS.get(c % WORDS.size());
                    boolean lost = assertTimeoutPreemptively(CASE_TIMEOUT, () -> check(fixture, reference, store, damage)
                                    | checkWordQuery(fixture, word, wordReferences.get(word), store, damage),
                            () -> name + " took longer than " + CASE_TIMEOUT);
                    withLoss += lost ? 1 : 0;
                } catch (AssertionError | RuntimeException e) {
                    Path kept = Directories.keepFailed(store, "damage-failures", seed);
                    throw new AssertionError(name + " (store kept in " + kept + ")", e);
                } finally {
                    Directories.delete(store);
                }
                byKind.merge(damage.kind, 1, Integer::sum);
                eventsChecked += reference.size();
            }
        }
        System.out.println("damage: " + cases + " cases over " + FIXTURES + " stores (seed " + SEED + "), by kind "
                + byKind + "; " + withLoss + " lost events and were reported; " + eventsChecked
                + " events checked; no crash, no hang, no event damaged or twice");
    }

    /** What a query printed, by sequence number. */
    private static final class Printed {
        final Map<Long, String> lines = new HashMap<>();
        final List<String> twice = new ArrayList<>();
        Cli.Result result;
    }

    private static Printed query(Path store, String... filters) {
        Printed printed = new Printed();
        List<String> args = new ArrayList<>(List.of(store.toString(), "--format", "json"));
        args.addAll(List.of(filters));
        printed.result = Cli.query(args.toArray(new String[0]));
        for (String line : printed.result.out().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = SEQ.matcher(line);
            assertTrue(m.find(), "a JSON line without seq: " + line);
            if (printed.lines.put(Long.parseLong(m.group(1)), line) != null) {
                printed.twice.add(m.group(1));
            }
        }
        return printed;
    }

    /** Checks one damaged store; returns true when events were lost. */
    private static boolean check(DamageFixture fixture, Map<Long, String> reference, Path store, StoreDamage damage) {
        Printed printed = query(store);
        Cli.Result verify = Cli.query("verify", store.toString());
        assertClean(verify);
        boolean lost = checkPrinted(fixture, reference, printed, damage);
        if (lost || damage.changed && damage.target.startsWith("segments/") && damage.touched.contains(damage.target)) {
            assertNotEquals(ExitCode.OK, verify.code(), "verify: " + verify.out());
        }
        return lost;
    }

    /** Checks a word query on one damaged store against the same query on the intact store; true when events were lost. */
    private static boolean checkWordQuery(DamageFixture fixture, String word, Map<Long, String> reference, Path store,
                                          StoreDamage damage) {
        try {
            return checkPrinted(fixture, reference, query(store, "--text", word), damage);
        } catch (AssertionError e) {
            throw new AssertionError("--text " + word + ": " + e.getMessage(), e);
        }
    }

    /** No stack trace, and an exit code the damage explains. */
    private static void assertClean(Cli.Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in"), "a stack trace: " + r.err());
        assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.DAMAGED
                || r.code() == ExitCode.ERROR && r.err().lines().count() == 1, "exit " + r.code() + ": " + r.err());
    }

    /**
     * Checks what a query printed against what it printed on the intact store: nothing twice, nothing
     * the store did not hold, nothing missing from an untouched file, and a warning when events are
     * missing. Returns true when events were lost.
     */
    private static boolean checkPrinted(DamageFixture fixture, Map<Long, String> reference, Printed printed,
                                        StoreDamage damage) {
        assertClean(printed.result);
        assertEquals(List.of(), printed.twice.subList(0, Math.min(5, printed.twice.size())), "events printed twice");
        List<String> wrong = new ArrayList<>();
        boolean runLost = printed.result.err().contains("the run of its events is unknown");
        printed.lines.forEach((seq, line) -> {
            // An event whose dictionary strings were damaged is returned with those fields marked, and one of a
            // WAL file whose header was damaged without its run (FORMAT.md), which the query warns of.
            String held = reference.get(seq);
            boolean marked = (line.contains(UNKNOWN_STRING)
                    || runLost && held != null && line.equals(RUN_FIELDS.matcher(held).replaceFirst("")))
                    && inTouchedFile(fixture, damage, seq);
            if (!line.equals(held) && !marked && wrong.size() < 3) {
                wrong.add("printed " + cut(line) + "\n   held " + cut(held));
            }
        });
        assertEquals(List.of(), wrong, "events printed that the store did not hold");
        List<Long> missing = new ArrayList<>();
        for (long seq : reference.keySet()) {
            if (!printed.lines.containsKey(seq)) {
                missing.add(seq);
                assertTrue(inTouchedFile(fixture, damage, seq) || printed.result.code() == ExitCode.ERROR,
                        "event " + seq + " of a file the damage did not touch is missing");
            }
        }
        boolean lost = !missing.isEmpty();
        if (lost && printed.result.code() != ExitCode.ERROR) {
            assertTrue(printed.result.err().contains("damaged"), "the query warns of the damage: " + printed.result.err());
        }
        return lost;
    }

    private static boolean inTouchedFile(DamageFixture fixture, StoreDamage damage, long seq) {
        return fixture.eventFiles().stream().anyMatch(f -> f.holds(seq) && damage.touched.contains(f.name));
    }

    private static String cut(String line) {
        return line == null || line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
