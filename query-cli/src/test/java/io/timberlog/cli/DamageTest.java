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
 * fails {@code verify} (every byte of it is under a checksum).
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
            for (int c = f; c < cases; c += FIXTURES) {
                long seed = SEED * 100_000 + c;
                Path store = tmp.resolve("case");
                Directories.copy(fixture.dir, store);
                StoreDamage damage = StoreDamage.apply(fixture, store, seed);
                String name = "case " + c + " (seed " + seed + ", fixture " + f + "): " + damage;
                try {
                    boolean lost = assertTimeoutPreemptively(CASE_TIMEOUT, () -> check(fixture, reference, store, damage),
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

    private static Printed query(Path store) {
        Printed printed = new Printed();
        printed.result = Cli.query(store.toString(), "--format", "json");
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
        for (Cli.Result r : List.of(printed.result, verify)) {
            assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in"), "a stack trace: " + r.err());
            assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.DAMAGED
                    || r.code() == ExitCode.ERROR && r.err().lines().count() == 1, "exit " + r.code() + ": " + r.err());
        }
        assertEquals(List.of(), printed.twice.subList(0, Math.min(5, printed.twice.size())), "events printed twice");
        List<String> wrong = new ArrayList<>();
        boolean runLost = printed.result.err().contains("the run of its events is unknown");
        printed.lines.forEach((seq, line) -> {
            // An event whose dictionary strings were damaged is returned with those fields marked, and one of a
            // WAL file whose header was damaged without its run (FORMAT.md), which the query warns of.
            boolean marked = (line.contains(UNKNOWN_STRING)
                    || runLost && line.equals(RUN_FIELDS.matcher(reference.get(seq)).replaceFirst("")))
                    && inTouchedFile(fixture, damage, seq);
            if (!line.equals(reference.get(seq)) && !marked && wrong.size() < 3) {
                wrong.add("printed " + cut(line) + "\n   held " + cut(reference.get(seq)));
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
        if (lost || damage.changed && damage.target.startsWith("segments/") && damage.touched.contains(damage.target)) {
            assertNotEquals(ExitCode.OK, verify.code(), "verify: " + verify.out());
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
