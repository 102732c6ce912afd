package io.timberlog.core;

import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class StoreBehaviourTest {
    @TempDir
    Path dir;

    private StoreOptions.Builder options() {
        return StoreOptions.builder(dir).problemListener((m, c) -> { });
    }

    private List<LogEvent> readAll() throws Exception {
        List<LogEvent> events = new ArrayList<>();
        StoreReader.open(dir).readAll(events::add);
        return events;
    }

    @Test
    void open_eachTime_startsANewWalFileTaggedWithANewRun() throws Exception {
        CapturedEvent e = new CapturedEvent();
        RunInfo first;
        try (LogStore store = LogStore.open(options().build())) {
            first = store.run();
            store.append(e.reset().message("one", MessageStyle.LITERAL));
        }
        RunInfo second;
        try (LogStore store = LogStore.open(options().build())) {
            second = store.run();
            store.append(e.reset().message("two", MessageStyle.LITERAL));
        }
        assertNotEquals(first, second);
        assertEquals(ProcessHandle.current().pid(), second.pid());
        List<LogEvent> events = readAll();
        assertEquals(first, events.get(0).run());
        assertEquals(second, events.get(1).run());
        assertEquals(List.of(0L, 1L), List.of(events.get(0).sequence(), events.get(1).sequence()));
    }

    @Test
    void readAll_fileWhoseTailWasZeroedThoughItsRunWentOn_reportsTheLostEnd() throws Exception {
        // The write-ahead log alone: no segment manager converts (and removes) the WAL files.
        WalWriter writer = WalWriter.open(options().maxWalSize(StoreOptions.MIN_WAL_SIZE)
                .maxEventSize(StoreOptions.MIN_EVENT_SIZE).build(), new RunInfo(1, 2, "host", 3));
        CapturedEvent e = new CapturedEvent();
        for (int i = 0; WalFiles.list(dir).size() < 3; i++) {
            writer.append(e.reset().message("event {}", MessageStyle.SLF4J).addArgument(i));
        }
        writer.close(5_000_000_000L);
        Path first = WalFiles.list(dir).get(0);
        byte[] bytes = Files.readAllBytes(first);
        java.util.Arrays.fill(bytes, bytes.length / 2 / 8 * 8, bytes.length, (byte) 0); // power loss: tail pages gone
        Files.write(first, bytes);
        StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(x -> { });
        assertTrue(summary.corruption().stream().anyMatch(d -> d.file().equals(first) && d.detail().contains("has no seal")),
                summary.damages().toString());
    }

    @Test
    void append_hugeMessage_isStoredTruncatedAndMarked() throws Exception {
        String huge = "x".repeat(10 << 20);
        try (LogStore store = LogStore.open(options().build())) {
            assertTrue(store.append(new CapturedEvent().message("big {}", MessageStyle.SLF4J).addArgument(huge)));
            assertTrue(store.append(new CapturedEvent().message("", MessageStyle.LITERAL)));
        }
        List<LogEvent> events = readAll();
        LogEvent big = events.get(0);
        assertTrue(big.isTruncated());
        String stored = big.arguments().get(0).text();
        assertTrue(stored.length() > 1000 && stored.length() <= store1MiB(), "kept a prefix: " + stored.length());
        assertTrue(huge.startsWith(stored));
        assertFalse(events.get(1).isTruncated());
        assertEquals("", events.get(1).message());
    }

    /** A chain of causes deeper than a record holds keeps its outermost levels and its root cause, the one looked for. */
    @Test
    void append_causeChainTooDeep_keepsTheRootCause() throws Exception {
        ThrowableInfo t = ThrowableInfo.of("java.util.concurrent.TimeoutException", "root cause", List.of(), 0, null, List.of());
        for (int i = 0; i < 69; i++) {
            t = ThrowableInfo.of("java.lang.RuntimeException", "wrap " + i, List.of(), 0, t, List.of());
        }
        try (LogStore store = LogStore.open(options().build())) {
            assertTrue(store.append(new CapturedEvent().message("deep", MessageStyle.LITERAL).throwable(t)));
        }
        LogEvent e = readAll().get(0);
        assertTrue(e.isTruncated());
        List<ThrowableInfo> chain = new java.util.ArrayList<>();
        for (ThrowableInfo c = e.throwable(); c != null; c = c.cause()) {
            chain.add(c);
        }
        assertEquals(64, chain.size());
        assertEquals("wrap 68", chain.get(0).message());
        assertEquals("wrap 6", chain.get(62).message());
        assertEquals("java.util.concurrent.TimeoutException", chain.get(63).className());
    }

    private static int store1MiB() {
        return 1 << 20;
    }

    @Test
    void append_afterClose_returnsFalseAndNeverThrows() throws Exception {
        LogStore store = LogStore.open(options().build());
        store.close();
        assertFalse(store.append(new CapturedEvent().message("late", MessageStyle.LITERAL)));
        assertEquals(1, store.stats().droppedEvents());
    }

    @Test
    void open_createsFilesReadableByOwnerAndGroupOnly() throws Exception {
        Path store = dir.resolve("new-store");
        try (LogStore s = LogStore.open(StoreOptions.builder(store).problemListener((m, c) -> { }).build())) {
            s.append(new CapturedEvent().message("x", MessageStyle.LITERAL));
        }
        Set<PosixFilePermission> dirPerms = Files.getPosixFilePermissions(store);
        assertFalse(dirPerms.contains(PosixFilePermission.OTHERS_READ) || dirPerms.contains(PosixFilePermission.OTHERS_EXECUTE));
        assertFalse(dirPerms.contains(PosixFilePermission.GROUP_WRITE));
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(store)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
            assertTrue(Collections.disjoint(perms, PosixFilePermissions.fromString("---rwxrwx").stream()
                    .filter(p -> p != PosixFilePermission.GROUP_READ).collect(java.util.stream.Collectors.toSet())),
                    f + " has " + PosixFilePermissions.toString(perms));
        }
    }

    @Test
    void storeReader_onAPathThatIsNoStore_saysWhat() throws Exception {
        NotAStoreException missing = assertThrows(NotAStoreException.class, () -> StoreReader.open(dir.resolve("nope")));
        assertTrue(missing.getMessage().endsWith("no such directory"), missing.getMessage());
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertTrue(assertThrows(NotAStoreException.class, () -> StoreReader.open(file)).getMessage().endsWith("not a directory"));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertTrue(assertThrows(NotAStoreException.class, () -> StoreReader.open(empty)).getMessage()
                .contains("not a TimberLog store"));
    }

    @Test
    void storeReader_onAStoreFromANewerVersion_refuses() throws Exception {
        try (LogStore store = LogStore.open(options().build())) {
            store.append(new CapturedEvent().message("x", MessageStyle.LITERAL));
        }
        byte[] meta = Files.readAllBytes(dir.resolve(WalFiles.META));
        meta[8] = 99; // version of the first slot
        Files.write(dir.resolve(WalFiles.META), meta);
        assertThrows(UnsupportedFormatException.class, () -> StoreReader.open(dir));
        assertThrows(UnsupportedFormatException.class, () -> LogStore.open(options().build()));
    }

    @Test
    void open_withASizeLimitUnderTwoWalFiles_saysItCannotBeMet() throws Exception {
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        StoreOptions options = StoreOptions.builder(dir).maxWalSize(1 << 20).maxTotalSize(1 << 20)
                .problemListener((m, c) -> told.add(m)).build();
        try (LogStore s = LogStore.open(options)) {
            assertTrue(told.stream().anyMatch(m -> m.startsWith("maxTotalSize (1048576 bytes) is less than two WAL "
                    + "files")), told.toString());
        }
        told.clear();
        try (LogStore s = LogStore.open(options.toBuilder().maxTotalSize(2 << 20).build())) {
            assertTrue(told.stream().noneMatch(m -> m.startsWith("maxTotalSize")), told.toString());
        }
    }

    /**
     * The current WAL file deleted under the running writer (by hand, a cleanup job): the writer moves
     * to a new file and writes the deleted one again from its mapping, so that no acknowledged event is
     * lost.
     */
    @Test
    void append_afterTheCurrentWalFileWasDeleted_losesNoAcknowledgedEvent() throws Exception {
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        StoreOptions options = StoreOptions.builder(dir).problemListener((m, c) -> told.add(m)).build();
        CapturedEvent e = new CapturedEvent();
        int acknowledged = 0;
        try (LogStore s = LogStore.open(options)) {
            for (int i = 0; i < 1_000; i++) {
                acknowledged += append(s, e, i) ? 1 : 0;
            }
            Path current = WalFiles.path(dir, s.stats().currentWalId());
            Files.delete(current);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (told.stream().noneMatch(m -> m.contains("was deleted while in use"))) {
                assertTrue(System.nanoTime() < deadline, "the deleted file is noticed: " + told);
                Thread.sleep(10);
            }
            for (int i = 1_000; i < 2_000; i++) {
                acknowledged += append(s, e, i) ? 1 : 0;
            }
        }
        assertEquals(2_000, acknowledged);
        List<LogEvent> events = new ArrayList<>();
        StoreReader.open(dir).readAll(events::add);
        assertEquals(2_000, events.stream().filter(x -> x.logger().equals("deleted")).count(), told.toString());
    }

    private static boolean append(LogStore s, CapturedEvent e, int i) {
        return s.append(e.reset().timestamp(1_700_000_000_000_000_000L + i).level(Level.INFO).logger("deleted")
                .thread("main").message("event {}", MessageStyle.SLF4J).addArgument((long) i));
    }
}
