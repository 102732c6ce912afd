package io.timberlog.cli;

import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import io.timberlog.testing.ChildMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The CLI on a store that a writer is appending to, and on one whose writer was killed with SIGKILL. */
class LiveAndCrashedStoreTest {
    @TempDir
    Path dir;

    @Test
    void query_storeWrittenByThread_readsWithoutRepair() throws Exception {
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).maxWalSize(256 << 10)
                .problemListener((m, c) -> { }).build())) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                Cli.Writer w = new Cli.Writer(store);
                for (int i = 0; !stop.get(); i++) {
                    w.append(i, Level.INFO, "live", "live event {}", (long) i);
                    written.incrementAndGet();
                }
            });
            writer.start();
            try {
                while (written.get() < 5000) {
                    Thread.sleep(5);
                }
                Cli.Result last = Cli.query(dir.toString(), "-n", "3", "--format", "raw");
                assertEquals(0, last.code(), last.err());
                assertEquals(3, last.out().split("\n").length, last.out());
                Cli.Result runs = Cli.query("runs", dir.toString());
                assertTrue(runs.out().contains(" running "), runs.out());
                Cli.Result verify = Cli.query("verify", dir.toString());
                assertEquals(0, verify.code(), verify.out());
                Cli.Result stats = Cli.query("stats", dir.toString());
                assertEquals(0, stats.code(), stats.err());
            } finally {
                stop.set(true);
                writer.join();
            }
        }
    }

    @Test
    void query_crashedWriter_everyAcknowledgedEventAndCleanVerify() throws Exception {
        Cli.write(dir, w -> w.append(0, Level.INFO, "first", "the first run ended cleanly"));
        Process child = new ProcessBuilder(ChildMain.command(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), List.of(), CrashingWriter.class, dir.toString(), "3000")).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("READY", out.readLine());
            Thread.sleep(300); // let it rotate through a few files
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        }
        Cli.Result runs = Cli.query("runs", dir.toString());
        String[] lines = runs.out().split("\n");
        assertEquals(3, lines.length, runs.out());
        assertTrue(lines[1].contains(" clean "), lines[1]);
        assertTrue(lines[2].contains(" crashed "), lines[2]);

        Cli.Result acknowledged = Cli.query(dir.toString(), "--run", "0", "--level", "INFO", "--format", "raw");
        assertEquals(0, acknowledged.code(), acknowledged.err());
        String[] messages = acknowledged.out().split("\n");
        assertEquals(3000, messages.length);
        for (int i = 0; i < 3000; i++) {
            assertEquals("acknowledged " + i, messages[i]);
        }
        assertEquals("the first run ended cleanly\n", Cli.query(dir.toString(), "--run", "-1", "-o", "raw").out());
        Cli.Result verify = Cli.query("verify", dir.toString());
        assertEquals(0, verify.code(), verify.out());
        assertTrue(verify.out().contains("whole: "), verify.out());
    }

    @Test
    void follow_printsNewEventsAcrossRotationUntilOutputCloses() throws Exception {
        int n = 4000;
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).maxWalSize(256 << 10)
                .problemListener((m, c) -> { }).build())) {
            Cli.Writer w = new Cli.Writer(store);
            for (int i = 0; i < 15; i++) {
                w.append(0, Level.INFO, "l", "before {}", (long) i);
            }
            LinesThenClosed out = new LinesThenClosed(n + 10);
            AtomicInteger code = new AtomicInteger(-1);
            Thread follower = new Thread(() -> code.set(new Cli().run(out, dir.toString(), "-f", "-o", "raw").code()));
            follower.setDaemon(true);
            follower.start();
            waitFor(() -> out.lines() >= 10 || !follower.isAlive()); // the existing events first
            for (int i = 0; i < n; i++) {
                w.append(1 + i, Level.INFO, "l", "new event {} with some padding to rotate files", (long) i);
            }
            waitFor(() -> out.full() || !follower.isAlive());
            w.append(99_999, Level.INFO, "l", "after the reader went away");
            follower.join(20_000);
            assertFalse(follower.isAlive());
            assertEquals(0, code.get());
            String[] lines = out.text().split("\n");
            assertEquals("before 5", lines[0]); // the last 10 existing events first, like tail -f
            for (int i = 0; i < n; i++) {
                assertEquals("new event " + i + " with some padding to rotate files", lines[i + 10]);
            }
        }
    }

    /** A fallback store that appears while following: from then on each line says which store it is from. */
    @Test
    void follow_storeThatAppears_linesSayTheirStoreFromThenOn() throws Exception {
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).problemListener((m, c) -> { }).build())) {
            Cli.Writer w = new Cli.Writer(store);
            w.append(0, Level.INFO, "l", "main before");
            LinesThenClosed out = new LinesThenClosed(3);
            AtomicInteger code = new AtomicInteger(-1);
            Thread follower = new Thread(() -> code.set(new Cli().run(out, dir.toString(), "-f").code()));
            follower.setDaemon(true);
            follower.start();
            waitFor(() -> out.lines() >= 1 || !follower.isAlive());
            try (LogStore fallback = LogStore.open(StoreOptions.builder(dir.resolve("fallback/pid-4711"))
                    .problemListener((m, c) -> { }).build())) {
                new Cli.Writer(fallback).append(1, Level.INFO, "l", "fallback event");
                waitFor(() -> out.lines() >= 2 || !follower.isAlive());
                w.append(2, Level.INFO, "l", "main after");
                waitFor(() -> out.full() || !follower.isAlive());
            }
            w.append(3, Level.INFO, "l", "after the reader went away");
            follower.join(20_000);
            assertFalse(follower.isAlive());
            String[] lines = out.text().split("\n");
            assertTrue(lines[0].startsWith("2024-01-01 00:00:00.000 INFO "), lines[0]);
            assertTrue(lines[1].startsWith("fallback/pid-4711 2024-01-01 00:00:01.000 INFO "), lines[1]);
            assertTrue(lines[2].startsWith(". 2024-01-01 00:00:02.000 INFO "), lines[2]);
        }
    }

    /** Waits until {@code condition} holds, for a minute at most: long enough not to matter, short of a hang. */
    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Collects output until it holds {@code lines} lines, then fails every write, like a closed pipe. */
    private static final class LinesThenClosed extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int lines;
        private volatile int seen;

        LinesThenClosed(int lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (seen >= lines) {
                throw new IOException("Broken pipe");
            }
            bytes.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    seen++;
                }
            }
        }

        boolean full() {
            return seen >= lines;
        }

        int lines() {
            return seen;
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
