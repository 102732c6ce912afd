package io.timberlog.core;

import io.timberlog.testing.ChildMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Kills a writing JVM with SIGKILL at random moments, including while it rotates WAL files, and checks
 * that every event it had acknowledged is read back, intact and exactly once.
 */
class CrashRecoveryTest {
    private static final int THREADS = 2;

    @TempDir
    Path dir;

    @Test
    void kill9_atRandomMoments_everyAcknowledgedEventIsFoundIntact() throws Exception {
        Path store = dir.resolve("store");
        Path progress = dir.resolve("progress");
        Random random = new Random(20261128);
        long previousMaxSequence = -1;
        List<Set<Long>> skipped = List.of(new HashSet<>(), new HashSet<>());
        // Small WAL files: a rotation every few thousand events, so some kills land in one.
        for (int round = 0; round < 5; round++) {
            long delayMillis = 150 + random.nextInt(900);
            runAndKill(store, progress, 256 << 10, delayMillis);
            long[] acknowledged = readProgress(progress);
            Verified v = verify(store, acknowledged, skipped);
            for (int t = 0; t < THREADS; t++) {
                skipped.get(t).add(acknowledged[t]); // the next run skips this number (see CrashingWriter)
            }
            assertTrue(v.maxSequence > previousMaxSequence, "sequence numbers continue across runs");
            previousMaxSequence = v.maxSequence;
            assertTrue(acknowledged[0] > 0 && acknowledged[1] > 0, "the child made progress in round " + round);
        }
    }

    @Test
    void reopen_afterKill9_continuesTheSequenceAndStartsANewRun() throws Exception {
        Path store = dir.resolve("store");
        Path progress = dir.resolve("progress");
        runAndKill(store, progress, 1 << 20, 400);
        Verified before = verify(store, readProgress(progress), List.of(Set.of(), Set.of()));
        try (LogStore reopened = LogStore.open(StoreOptions.builder(store).problemListener((m, c) -> { }).build())) {
            assertEquals(before.maxSequence + 1, reopened.stats().nextSequence());
            CapturedEvent e = new CapturedEvent();
            assertTrue(reopened.append(e.reset().logger("after").message("after the crash", MessageStyle.LITERAL)));
        }
        List<LogEvent> all = new ArrayList<>();
        StoreReader.open(store).readAll(all::add);
        LogEvent last = all.get(all.size() - 1);
        assertEquals("after the crash", last.message());
        assertEquals(before.maxSequence + 1, last.sequence());
        assertNotEquals(all.get(0).run(), last.run());
    }

    private void runAndKill(Path store, Path progress, long maxWalSize, long delayMillis) throws Exception {
        Process child = new ProcessBuilder(ChildMain.command(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), List.of("-Xmx256m"), CrashingWriter.class, store.toString(), progress.toString(),
                String.valueOf(THREADS), String.valueOf(maxWalSize))).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            CrashingWriter.awaitReady(out);
            Thread.sleep(delayMillis);
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
    }

    private static long[] readProgress(Path progress) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(progress)).order(java.nio.ByteOrder.BIG_ENDIAN);
        long[] acknowledged = new long[THREADS];
        for (int t = 0; t < THREADS; t++) {
            acknowledged[t] = b.getLong(t * CrashingWriter.SLOT);
        }
        return acknowledged;
    }

    /** What a verified store held. */
    private static final class Verified {
        long maxSequence = -1;
    }

    /** Checks that every acknowledged number is there once; {@code skipped} numbers may be missing. */
    private static Verified verify(Path store, long[] acknowledged, List<Set<Long>> skipped) throws IOException {
        BitSet[] seen = new BitSet[THREADS];
        for (int t = 0; t < THREADS; t++) {
            seen[t] = new BitSet();
        }
        List<String> problems = new ArrayList<>();
        Set<Long> sequences = new HashSet<>();
        Verified v = new Verified();
        StoreReader.ReadSummary summary = StoreReader.open(store).readAll(e -> {
            if (e.logger().equals(CrashingWriter.STORE_LOGGER)) {
                return; // the store's own report of dropped events
            }
            int t = (int) e.arguments().get(0).asLong();
            long i = e.arguments().get(1).asLong();
            if (seen[t].get((int) i)) {
                problems.add("duplicate event " + i + " of thread " + t);
            }
            seen[t].set((int) i);
            String problem = CrashingWriter.check(e, t, i);
            if (problem != null) {
                problems.add("event " + i + " of thread " + t + ": " + problem);
            }
            if (!sequences.add(e.sequence())) {
                problems.add("duplicate sequence " + e.sequence());
            }
            v.maxSequence = Math.max(v.maxSequence, e.sequence());
        });
        for (int t = 0; t < THREADS; t++) {
            BitSet expected = new BitSet();
            expected.set(0, (int) acknowledged[t]);
            for (long maybe : skipped.get(t)) {
                expected.clear((int) maybe);
                seen[t].clear((int) maybe);
            }
            int missing = expected.cardinality() - seen[t].get(0, (int) acknowledged[t]).cardinality();
            if (missing > 0) {
                problems.add(missing + " acknowledged events of thread " + t + " missing, first "
                        + firstMissing(expected, seen[t]) + " of " + acknowledged[t]);
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(List.of(), summary.corruption(), "a crash leaves no corrupt ranges");
        return v;
    }

    private static int firstMissing(BitSet expected, BitSet seen) {
        BitSet missing = (BitSet) expected.clone();
        missing.andNot(seen);
        return missing.nextSetBit(0);
    }
}
