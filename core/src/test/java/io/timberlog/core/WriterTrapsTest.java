package io.timberlog.core;

import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.testing.Fuzz;
import io.timberlog.testing.ChildMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The known traps of a memory-mapped, multi-process write path, each provoked on purpose. */
class WriterTrapsTest {
    @TempDir
    Path dir;

    private StoreOptions.Builder options() {
        return StoreOptions.builder(dir).problemListener((m, c) -> { });
    }

    @Test
    void truncatedMapping_underTheWriter_doesNotKillTheJvmAndWritingMovesOn() throws Exception {
        Process child = java(TruncatingWriter.class, dir.toString());
        String output = readAll(child);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("ALIVE"), output);
        int stored = Integer.parseInt(output.substring(output.indexOf("stored=") + 7).trim());
        assertTrue(stored > 900, "appends after the fault went to a new file: " + output);
        List<LogEvent> after = new ArrayList<>();
        StoreReader.open(dir).readAll(e -> {
            if (e.logger().equals("after")) {
                after.add(e);
            }
        });
        assertTrue(after.size() >= stored, "every acknowledged event after the fault is readable: " + after.size());
    }

    @Test
    void open_secondTimeInTheSameJvm_isRefusedAndTheLockSurvivesTheAttempt() throws Exception {
        try (LogStore first = LogStore.open(options().build())) {
            StoreLockedException e = assertThrows(StoreLockedException.class, () -> LogStore.open(options().build()));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            // Closing any descriptor of the lock file would have released the process's lock: another
            // process must still find the store locked, by us.
            Process child = java(LockProbe.class, dir.toString());
            String output = readAll(child);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertTrue(output.contains("LOCKED pid=" + ProcessHandle.current().pid()), output);
        }
    }

    @Test
    void open_whileAnotherProcessHoldsTheStore_namesTheHolder() throws Exception {
        Process holder = java(LockHolder.class, dir.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("HOLDING", out.readLine());
            StoreLockedException e = assertThrows(StoreLockedException.class, () -> LogStore.open(options().build()));
            assertEquals(holder.pid(), e.holderPid());
            assertTrue(e.getMessage().contains("pid " + holder.pid()), e.getMessage());
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        // The holder died without closing: its lock died with it, and the store opens.
        try (LogStore store = LogStore.open(options().build())) {
            assertTrue(store.append(new CapturedEvent().message("after the holder died", MessageStyle.LITERAL)));
        }
    }

    /** The lock file is read only to name its holder: whatever it holds, the answer is a one-line StoreLockedException. */
    @Test
    void open_whileHeldWithAnyLockFileContent_refusesNamingTheHolderHarmlessly() throws Exception {
        Process holder = java(LockHolder.class, dir.toString());
        // Lines as Properties reads them: raw control characters, malformed escapes, escapes of control characters.
        String[] hostile = {"pid=", "pid=-5", "pid=99999999999999999999", "pid=0x10", "startedMillis=9223372036854775807",
                "startedMillis=-9223372036854775808", "startedMillis=1e9", "host=\u001b]0;owned\u0007\u001b[2J",
                "host=\\u001b[31mred", "host=\\u009b2J", "host=a\\\nb", "\\u12", "host=" + "h".repeat(5_000), "\\",
                "=\\", "host\u0000=\u009b31m", "host=\u202e\u2066bidi"};
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("HOLDING", out.readLine());
            byte[] real = Files.readAllBytes(dir.resolve("lock"));
            Fuzz.run("lock-file", 9_000, 200, random -> {
                String text = new String(real, StandardCharsets.UTF_8);
                for (int i = random.nextInt(3); i > 0; i--) {
                    text += "\n" + hostile[random.nextInt(hostile.length)];
                }
                byte[] content = text.getBytes(StandardCharsets.UTF_8);
                Files.write(dir.resolve("lock"), random.nextBoolean() ? content : Fuzz.mutate(content, random));
                StoreLockedException e = assertThrows(StoreLockedException.class, () -> LogStore.open(options().build()));
                assertTrue(e.getMessage().codePoints().noneMatch(Character::isISOControl), e.getMessage());
                assertTrue(e.holderPid() >= -1, "a pid, or -1 for none: " + e.holderPid());
            });
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void openWithFallback_whileAnotherProcessHoldsTheStore_writesToAPerProcessStore() throws Exception {
        Process holder = java(LockHolder.class, dir.toString());
        List<String> warnings = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("HOLDING", out.readLine());
            try (LogStore store = LogStore.openWithFallback(options().problemListener((m, c) -> warnings.add(m)).build())) {
                assertEquals(LogStore.fallbackDirectory(dir, ProcessHandle.current().pid()), store.directory());
                assertTrue(store.append(new CapturedEvent().message("in the fallback store", MessageStyle.LITERAL)));
            }
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("pid " + holder.pid()), warnings.get(0));
    }

    @Test
    void writeFully_whenTheChannelWritesLittleAtATime_writesEverything() throws IOException {
        Path file = dir.resolve("partial");
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        try (FileChannel real = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ); FileChannel stingy = new StingyChannel(real)) {
            FileOps.writeFully(stingy, ByteBuffer.wrap(data), 100);
        }
        byte[] written = Files.readAllBytes(file);
        assertArrayEquals(data, java.util.Arrays.copyOfRange(written, 100, written.length));
    }

    @Test
    void rotation_underFourThreads_losesNothingAndNumbersDensely() throws Exception {
        int threads = 4;
        int perThread = 30_000;
        try (LogStore store = LogStore.open(options().maxWalSize(StoreOptions.MIN_WAL_SIZE)
                .maxEventSize(StoreOptions.MIN_EVENT_SIZE).build())) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread w = new Thread(() -> {
                    CapturedEvent e = new CapturedEvent();
                    for (int i = 0; i < perThread; i++) {
                        assertTrue(store.append(e.reset().logger("t" + id).message("{} {}", MessageStyle.SLF4J)
                                .addArgument(id).addArgument(i)));
                    }
                });
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) {
                w.join();
            }
        }
        long[] next = new long[threads];
        List<Long> sequences = new ArrayList<>();
        StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(e -> {
            int t = (int) e.arguments().get(0).asLong();
            assertEquals(next[t]++, e.arguments().get(1).asLong(), "each thread's events in order, none missing");
            assertEquals("t" + t, e.logger(), "dictionary ids never leak from one file into the next");
            sequences.add(e.sequence());
        });
        assertTrue(summary.files() > 10, "many rotations: " + summary.files());
        assertEquals(List.of(), summary.damages());
        sequences.sort(null);
        for (int i = 0; i < sequences.size(); i++) {
            assertEquals(i, sequences.get(i).longValue(), "dense sequence numbers");
        }
        assertEquals(threads * perThread, sequences.size());
    }

    private static Process java(Class<?> main, String... args) throws IOException {
        return new ProcessBuilder(ChildMain.command(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                List.of(), main, args)).redirectErrorStream(true).start();
    }

    private static String readAll(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Opens the store and holds it until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            LogStore.open(StoreOptions.builder(Paths.get(args[0])).build());
            System.out.println("HOLDING");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Tries to open the store and says who holds it. */
    public static final class LockProbe {
        public static void main(String[] args) throws Exception {
            try {
                LogStore.open(StoreOptions.builder(Paths.get(args[0])).build()).close();
                System.out.println("OPENED");
            } catch (StoreLockedException e) {
                System.out.println("LOCKED pid=" + e.holderPid());
            }
        }
    }

    /** A channel that writes at most 3 bytes per call, as FileChannel.write is allowed to. */
    private static final class StingyChannel extends FileChannel {
        private final FileChannel real;

        StingyChannel(FileChannel real) {
            this.real = real;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            ByteBuffer slice = src.duplicate();
            slice.limit(Math.min(src.limit(), src.position() + 3));
            int n = real.write(slice, position);
            src.position(src.position() + n);
            return n;
        }

        @Override public int read(ByteBuffer dst) throws IOException { return real.read(dst); }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return real.read(dsts, offset, length); }
        @Override public int write(ByteBuffer src) throws IOException { return real.write(src); }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { return real.write(srcs, offset, length); }
        @Override public long position() throws IOException { return real.position(); }
        @Override public FileChannel position(long newPosition) throws IOException { real.position(newPosition); return this; }
        @Override public long size() throws IOException { return real.size(); }
        @Override public FileChannel truncate(long size) throws IOException { real.truncate(size); return this; }
        @Override public void force(boolean metaData) throws IOException { real.force(metaData); }
        @Override public long transferTo(long position, long count, java.nio.channels.WritableByteChannel target) throws IOException { return real.transferTo(position, count, target); }
        @Override public long transferFrom(java.nio.channels.ReadableByteChannel src, long position, long count) throws IOException { return real.transferFrom(src, position, count); }
        @Override public int read(ByteBuffer dst, long position) throws IOException { return real.read(dst, position); }
        @Override public java.nio.MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { return real.map(mode, position, size); }
        @Override public java.nio.channels.FileLock lock(long position, long size, boolean shared) throws IOException { return real.lock(position, size, shared); }
        @Override public java.nio.channels.FileLock tryLock(long position, long size, boolean shared) throws IOException { return real.tryLock(position, size, shared); }
        @Override protected void implCloseChannel() throws IOException { real.close(); }
    }
}
