package io.timberlog.core;

import io.timberlog.testing.ChildMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A reader in this JVM reads the store while two threads of another JVM append to it and rotate its
 * WAL files: every read sees everything acknowledged before it started, intact and once, and never
 * reports corruption (records still being written are at most "unpublished").
 */
class LiveReaderTest {
    @TempDir
    Path dir;

    @Test
    void readAll_whileAnotherProcessAppendsAndRotates_seesEveryEventAcknowledgedBeforeTheRead() throws Exception {
        Path store = dir.resolve("store");
        Path progress = dir.resolve("progress");
        Process child = new ProcessBuilder(ChildMain.command(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), List.of("-Xmx256m"), CrashingWriter.class, store.toString(), progress.toString(), "2",
                String.valueOf(256 << 10))).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            CrashingWriter.awaitReady(out);
            int reads = 0;
            long lastTotal = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline || reads < 3) {
                long[] acknowledged = progress(progress);
                BitSet[] seen = {new BitSet(), new BitSet()};
                List<String> problems = new ArrayList<>();
                StoreReader.ReadSummary summary = StoreReader.open(store).readAll(e -> {
                    if (e.logger().equals(CrashingWriter.STORE_LOGGER)) {
                        return; // the store's own report of dropped events
                    }
                    int t = (int) e.arguments().get(0).asLong();
                    int i = (int) e.arguments().get(1).asLong();
                    if (seen[t].get(i)) {
                        problems.add("duplicate " + t + "/" + i);
                    }
                    seen[t].set(i);
                    String problem = CrashingWriter.check(e, t, i);
                    if (problem != null) {
                        problems.add(t + "/" + i + ": " + problem);
                    }
                });
                for (int t = 0; t < 2; t++) {
                    int present = seen[t].get(0, (int) acknowledged[t]).cardinality();
                    if (present != acknowledged[t]) {
                        problems.add("thread " + t + ": " + (acknowledged[t] - present) + " of " + acknowledged[t]
                                + " acknowledged events missing");
                    }
                }
                assertEquals(List.of(), problems, "read " + reads);
                assertEquals(List.of(), summary.corruption(), "read " + reads);
                lastTotal = summary.events();
                reads++;
            }
            assertTrue(summary(store).files() > 2, "the writer rotated while being read");
            assertTrue(lastTotal > 0);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static StoreReader.ReadSummary summary(Path store) throws Exception {
        return StoreReader.open(store).readAll(e -> { });
    }

    private static long[] progress(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        return new long[] {b.getLong(0), b.getLong(CrashingWriter.SLOT)};
    }
}
