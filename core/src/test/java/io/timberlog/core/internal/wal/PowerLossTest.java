package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.query.Query;
import io.timberlog.core.query.QueryResult;
import io.timberlog.core.query.StoreSet;
import io.timberlog.core.query.VerifyReport;
import io.timberlog.testing.Directories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Power loss: the real writer runs a seeded scenario and is stopped at chosen moments; each moment's
 * files are turned into the store a power loss leaves ({@link PowerLossCase}: unforced WAL bytes lost,
 * kept by page, torn or garbage; the last manifest rename lost; segments half renamed; wal.meta torn).
 * In every case the store opens for reading and for writing, every event synced before the loss is
 * there exactly once and intact, garbage is reported, and a writer continues the sequence.
 *
 * <p>{@value #CASES_PROPERTY} sets the number of cases (1,000 in the build; the {@code reliability}
 * profile runs 10,000). A failing case names its scenario and case seed, and its store is kept under
 * {@code target/power-loss-failures}.
 */
class PowerLossTest {
    static final String CASES_PROPERTY = "timberlog.powerLoss.cases";
    private static final long SEED = 20261128L;
    private static final int MOMENTS = 4;
    private static final int CASES_PER_IMAGE = 10;

    @TempDir
    Path tmp;

    @Test
    void powerLoss_atGeneratedMoments_storeOpensAndEverySyncedEventIsThereOnce() throws Exception {
        int cases = Integer.getInteger(CASES_PROPERTY, 1000);
        Path work = workDirectory();
        try {
            run(cases, work);
        } finally {
            Directories.delete(work);
        }
    }

    /**
     * A directory in memory (/dev/shm) where the machine has one: the test makes up the disk's state itself,
     * so real fsyncs would only cost time, many times over.
     */
    private Path workDirectory() throws IOException {
        Path shm = Paths.get("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Files.createTempDirectory(shm, "timberlog-power-loss-");
        }
        return Files.createDirectories(tmp.resolve("work"));
    }

    private static void run(int cases, Path work) throws IOException {
        Map<PowerLossCase.Loss, Integer> byLoss = new HashMap<>();
        int run = 0;
        int inConversion = 0;
        int scenarios = 0;
        int garbageReported = 0;
        long syncedEventsChecked = 0;
        for (int s = 0; run < cases; s++, scenarios++) {
            long scenarioSeed = SEED + s;
            List<CrashImage> images = PowerLossScenario.run(work.resolve("scenario-" + s), scenarioSeed, MOMENTS);
            for (int i = 0; i < images.size() && run < cases; i++) {
                for (int c = 0; c < CASES_PER_IMAGE && run < cases; c++, run++) {
                    long caseSeed = scenarioSeed * 1_000 + i * CASES_PER_IMAGE + c;
                    Path store = work.resolve("case");
                    PowerLossCase powerLoss = new PowerLossCase(images.get(i), caseSeed);
                    String name = "scenario " + scenarioSeed + ", image " + i + " (" + images.size() + "), case seed " + caseSeed + ": " + powerLoss;
                    powerLoss.writeTo(store);
                    try {
                        check(store, images.get(i), powerLoss);
                    } catch (AssertionError | IOException | RuntimeException e) {
                        Path kept = Directories.keepFailed(store, "power-loss-failures", caseSeed);
                        throw new AssertionError(name + " (store kept in " + kept + ")", e);
                    } finally {
                        Directories.delete(store);
                    }
                    byLoss.merge(powerLoss.loss, 1, Integer::sum);
                    inConversion += images.get(i).beforeManifestReplaced ? 1 : 0;
                    garbageReported += powerLoss.garbage.isEmpty() ? 0 : 1;
                    syncedEventsChecked += images.get(i).syncedEvents;
                }
            }
            Directories.delete(work.resolve("scenario-" + s));
        }
        System.out.println("power loss: " + run + " cases from " + scenarios + " scenarios (seed " + SEED + "), by loss "
                + byLoss + ", " + inConversion + " in a conversion before the manifest listed its segment, garbage reported in "
                + garbageReported + "; " + syncedEventsChecked + " synced events checked, lost 0");
    }

    private static void check(Path store, CrashImage image, PowerLossCase powerLoss) throws IOException {
        long maxSequence = checkEvents(store, image, "read after the loss");
        VerifyReport report = StoreSet.open(store).verify();
        List<Damage> reported = new ArrayList<>(report.problems());
        reported.addAll(report.expected());
        powerLoss.garbage.forEach((file, offsets) -> {
            for (long at : offsets) {
                // as damage, or as unpublished room: after a zero length word, garbage cannot be told
                // from the partial body of a record that was reserved and never published
                assertTrue(reported.stream().anyMatch(d -> d.file().getFileName().toString().equals(file)
                        && d.start() <= at && at < d.end()), "garbage at " + file + ":" + at + " reported: " + reported);
            }
        });
        try (LogStore writer = LogStore.open(PowerLossScenario.options(store))) {
            assertTrue(writer.append(new CapturedEvent().logger("after").message("after the loss", MessageStyle.LITERAL)));
        }
        long afterMax = checkEvents(store, image, "read after a writer opened the store");
        assertTrue(afterMax > maxSequence, "the writer continues the sequence: " + afterMax + " after " + maxSequence);
    }

    /** Checks the events: each sequence once, intact, every synced one there; returns the highest sequence. */
    private static long checkEvents(Path store, CrashImage image, String when) throws IOException {
        java.util.BitSet seen = new java.util.BitSet();
        long max = -1;
        List<String> problems = new ArrayList<>();
        try (QueryResult result = StoreSet.open(store).query(Query.all())) {
            while (result.hasNext()) {
                LogEvent e = result.next().event();
                long sequence = e.sequence();
                max = Math.max(max, sequence);
                if (e.logger().equals("after")) {
                    continue;
                }
                if (sequence >= image.appendedEvents) {
                    problems.add("event " + sequence + " was never appended: " + e.message());
                    continue;
                }
                if (seen.get((int) sequence)) {
                    problems.add("event " + sequence + " twice");
                }
                seen.set((int) sequence);
                if (!e.message().equals(PowerLossScenario.message(sequence))) {
                    problems.add("event " + sequence + " damaged: " + e.message());
                }
            }
        }
        int firstMissing = seen.nextClearBit(0);
        if (firstMissing < image.syncedEvents) {
            problems.add("event " + firstMissing + " missing, " + image.syncedEvents + " were synced");
        }
        assertEquals(List.of(), problems, when);
        return max;
    }
}
