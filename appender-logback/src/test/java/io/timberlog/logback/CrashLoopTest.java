package io.timberlog.logback;

import io.timberlog.core.LogEvent;
import io.timberlog.core.RunInfo;
import io.timberlog.core.query.Query;
import io.timberlog.core.query.QueryResult;
import io.timberlog.core.query.StoreSet;
import io.timberlog.core.query.VerifyReport;
import io.timberlog.testing.ChildJvm;
import io.timberlog.testing.LoggingChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The crash loop: a writer JVM logs from two threads through logback into one store with the smallest
 * WAL files (so it rotates, and its segment manager converts the files of the run before it), is killed
 * with SIGKILL at a random moment (during its start, while it recovers and converts what the last kill
 * left, or while it logs), and is started again on the same store. After every kill, every event an
 * earlier run acknowledged (its logging call had returned, as the child's progress file says) is
 * queryable exactly once, and the store verifies whole.
 *
 * <p>{@value #KILLS_PROPERTY} sets the number of kills (20 in the build, 500 with the {@code reliability}
 * profile; 0 skips the test, as the module's runs on other logback and Java versions do),
 * {@value #SEED_PROPERTY} the seed of the kill moments. The figures go to {@code target/crash-loop.txt}.
 */
class CrashLoopTest {
    static final String KILLS_PROPERTY = "timberlog.crashLoop.kills";
    static final String SEED_PROPERTY = "timberlog.crashLoop.seed";
    private static final String CHILD_LOGGER = "child";

    @TempDir
    Path tmp;

    @Test
    void kill9_inALoop_everyAcknowledgedEventQueryableOnceAndStoreWhole() throws Exception {
        int kills = Integer.getInteger(KILLS_PROPERTY, 20);
        assumeTrue(kills > 0, "the crash loop runs once per build, in the default execution of the tests");
        long seed = Long.getLong(SEED_PROPERTY, 20261128L);
        Random random = new Random(seed);
        Path store = tmp.resolve("store");
        List<Round> rounds = new ArrayList<>();
        Map<Long, Round> byPid = new HashMap<>();
        CrashLoopFigures figures = new CrashLoopFigures(kills, seed);
        for (int k = 0; k < kills; k++) {
            Round round = runAndKill(store, k, random);
            rounds.add(round);
            assertNull(byPid.put(round.pid, round), "pid " + round.pid + " used twice: the check needs distinct pids");
            figures.killed(round);
            figures.checked(check(store, rounds, byPid), bytesUnder(store), bytesUnder(store.resolve("wal")));
        }
        figures.write(Paths.get("target", "crash-loop.txt"));
        System.out.println(figures);
    }

    /** One run of the writer: its pid, and how many calls of each thread had returned when it was killed. */
    static final class Round {
        final int number;
        final long pid;
        final long[] acknowledged;
        final boolean killedWhileLogging;
        final BitSet[] seen = new BitSet[LoggingChild.THREADS];
        long minSequence = Long.MAX_VALUE;

        Round(int number, long pid, long[] acknowledged, boolean killedWhileLogging) {
            this.number = number;
            this.pid = pid;
            this.acknowledged = acknowledged;
            this.killedWhileLogging = killedWhileLogging;
        }
    }

    private Round runAndKill(Path store, int number, Random random) throws Exception {
        Path progressFile = tmp.resolve("progress-" + number);
        Path output = tmp.resolve("child.out");
        // A fifth of the kills land at a random moment of the start: logback's configuration, the store's
        // recovery, the cleanup of what the last kill left, the first conversions. The others once both
        // threads have logged a random number of events, so that the runs rotate through many files.
        boolean duringStart = random.nextInt(5) == 0;
        long startDelayMillis = random.nextInt(700);
        long threshold = 1 + random.nextInt(40_000);
        long tailMillis = random.nextInt(25);
        Process child = ChildJvm.start(LogbackChild.class,
                List.of("logback.configurationFile=crash-loop-logback.xml", "storeDir=" + store), output,
                "forever", progressFile.toString());
        try {
            if (duringStart) {
                Thread.sleep(startDelayMillis);
            } else {
                ByteBuffer progress = null;
                while (progress == null || progress.getLong(0) < threshold || progress.getLong(8) < threshold) {
                    assertTrue(child.isAlive(), () -> "the writer died: " + read(output));
                    Thread.sleep(1);
                    progress = progress != null ? progress : ProgressFile.map(progressFile);
                }
                Thread.sleep(tailMillis);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), () -> "killed by SIGKILL: " + read(output));
        return new Round(number, child.pid(), ProgressFile.read(progressFile), !duringStart);
    }

    /** What one check read. */
    static final class Checked {
        long events;
        long acknowledged;
        int roundsChecked;
        int roundsCutByRetention;
    }

    /**
     * Reads the whole store through the query API and checks every round: no event twice; every
     * acknowledged event there, except in rounds that size-based retention has reached (it deletes
     * the oldest events first: the rounds before the oldest event left are gone, and the round that holds
     * it may be cut).
     */
    private static Checked check(Path store, List<Round> rounds, Map<Long, Round> byPid) throws IOException {
        Checked checked = new Checked();
        if (!Files.isDirectory(store)) {
            return checked; // every kill so far came before logback created the store
        }
        StoreSet stores = StoreSet.open(store);
        VerifyReport report = stores.verify();
        assertTrue(report.isWhole(), () -> "verify after kill " + rounds.size() + ": " + report.problems());
        for (Round round : rounds) {
            for (int t = 0; t < LoggingChild.THREADS; t++) {
                round.seen[t] = new BitSet();
            }
            round.minSequence = Long.MAX_VALUE;
        }
        long minSequence = Long.MAX_VALUE;
        List<String> duplicates = new ArrayList<>();
        try (QueryResult result = stores.query(Query.all())) {
            while (result.hasNext()) {
                LogEvent e = result.next().event();
                minSequence = Math.min(minSequence, e.sequence());
                if (!e.logger().equals(CHILD_LOGGER)) {
                    continue; // the store's own reports
                }
                checked.events++;
                Round round = roundOf(e.run(), byPid);
                int thread = (int) e.arguments().get(0).asLong();
                int index = (int) e.arguments().get(1).asLong();
                if (round.seen[thread].get(index)) {
                    duplicates.add("round " + round.number + " thread " + thread + " event " + index);
                }
                round.seen[thread].set(index);
                round.minSequence = Math.min(round.minSequence, e.sequence());
            }
        }
        assertEquals(List.of(), duplicates, "events found twice after kill " + rounds.size());
        Round cut = minSequence > 0 ? oldestWithEvents(rounds) : null;
        for (Round round : rounds) {
            if (cut != null && round.number <= cut.number) {
                checked.roundsCutByRetention++;
                continue;
            }
            checked.roundsChecked++;
            for (int t = 0; t < LoggingChild.THREADS; t++) {
                checked.acknowledged += round.acknowledged[t];
                int firstMissing = round.seen[t].nextClearBit(0);
                assertTrue(firstMissing >= round.acknowledged[t], "after kill " + rounds.size() + ": round "
                        + round.number + " thread " + t + " acknowledged " + round.acknowledged[t]
                        + " events, event " + firstMissing + " is missing");
            }
        }
        return checked;
    }

    private static Round roundOf(RunInfo run, Map<Long, Round> byPid) {
        Round round = byPid.get(run.pid());
        if (round == null) {
            throw new AssertionError("an event of run " + run + ", which no round started");
        }
        return round;
    }

    private static Round oldestWithEvents(List<Round> rounds) {
        for (Round round : rounds) {
            if (round.minSequence != Long.MAX_VALUE) {
                return round;
            }
        }
        return null;
    }

    private static long bytesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
