package io.timberlog.core;

import io.timberlog.core.internal.manifest.ManifestFile;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.testing.Events;
import io.timberlog.core.testing.WalFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** WAL files become segments, through the store's public API: nothing lost, nothing changed, nothing twice. */
class SegmentConversionTest {
    @TempDir
    Path dir;

    @Test
    void compact_walFiles_segmentsHoldEveryFieldUnchanged() throws Exception {
        WalFixtures.writeRun(dir, 3_000, 1);
        assertTrue(WalFiles.list(dir).size() > 3, "several WAL files");
        List<LogEvent> fromWal = WalFixtures.readAll(dir);
        assertTrue(fromWal.stream().anyMatch(LogEvent::isTruncated));

        int converted = StoreMaintenance.compact(WalFixtures.options(dir).build());

        assertTrue(converted > 3);
        assertEquals(List.of(), WalFiles.list(dir));
        Events.assertSameEvents(fromWal, WalFixtures.readAll(dir));
    }

    @Test
    void open_walFilesOfAnEarlierRun_convertsThemInTheBackground() throws Exception {
        WalFixtures.writeRun(dir, 2_000, 2);
        List<LogEvent> fromWal = WalFixtures.readAll(dir);
        try (LogStore store = LogStore.open(WalFixtures.options(dir).build())) {
            long first = store.stats().currentWalId();
            for (int i = 0; i < 500 && !WalFiles.list(dir).stream().allMatch(p -> WalFiles.idOf(p) >= first); i++) {
                Thread.sleep(20);
            }
            assertTrue(WalFiles.list(dir).stream().allMatch(p -> WalFiles.idOf(p) >= first),
                    "only this run's WAL files are left");
        }
        Events.assertSameEvents(fromWal, WalFixtures.readAll(dir));
    }

    @Test
    void close_lastWalFile_isConvertedBeforeReturning() throws Exception {
        try (LogStore store = LogStore.open(WalFixtures.options(dir).build())) {
            store.append(new CapturedEvent().message("last words", MessageStyle.LITERAL));
        }
        assertEquals(List.of(), WalFiles.list(dir));
        assertEquals(1, SegmentFiles.list(dir).size());
        assertEquals("last words", WalFixtures.readAll(dir).get(0).message());
    }

    @Test
    void close_withoutConversionTime_leavesTheWalFileForTheNextStart() throws Exception {
        StoreOptions options = WalFixtures.options(dir).closeConversionTimeout(Duration.ZERO).build();
        try (LogStore store = LogStore.open(options)) {
            store.append(new CapturedEvent().message("first run", MessageStyle.LITERAL));
        }
        // The segment manager may have converted the file in the moment before close stopped it.
        assertTrue(WalFiles.list(dir).size() <= 1);
        try (LogStore store = LogStore.open(WalFixtures.options(dir).build())) {
            store.append(new CapturedEvent().message("second run", MessageStyle.LITERAL));
        }
        assertEquals(List.of(), WalFiles.list(dir));
        List<LogEvent> events = WalFixtures.readAll(dir);
        assertEquals(List.of("first run", "second run"), List.of(events.get(0).message(), events.get(1).message()));
        assertEquals(List.of(0L, 1L), List.of(events.get(0).sequence(), events.get(1).sequence()));
    }

    @Test
    void open_afterWalFilesAndMetaAreGone_continuesSequencesAndWalIds() throws Exception {
        long walId;
        try (LogStore store = LogStore.open(WalFixtures.options(dir).build())) {
            for (int i = 0; i < 10; i++) {
                store.append(new CapturedEvent().message("before", MessageStyle.LITERAL));
            }
            walId = store.stats().currentWalId();
        }
        Files.delete(dir.resolve(WalFiles.META));
        Files.delete(WalFiles.directory(dir));
        try (LogStore store = LogStore.open(WalFixtures.options(dir).build())) {
            assertTrue(store.stats().currentWalId() > walId, "WAL ids are not reused");
            store.append(new CapturedEvent().message("after", MessageStyle.LITERAL));
        }
        List<LogEvent> events = WalFixtures.readAll(dir);
        assertEquals(11, events.size());
        assertEquals(10, events.get(10).sequence());
        assertEquals("after", events.get(10).message());
    }

    @Test
    void readAll_whileSegmentsAreWritten_neverReturnsAnEventTwice() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get() && problem.get() == null) {
                    if (!Files.isDirectory(WalFiles.directory(dir))) {
                        continue;
                    }
                    Set<Long> seen = new HashSet<>();
                    for (LogEvent e : WalFixtures.readAll(dir)) {
                        if (!seen.add(e.sequence())) {
                            problem.set("sequence " + e.sequence() + " read twice");
                        }
                    }
                }
            } catch (Exception e) {
                problem.set(e.toString());
            }
        });
        reader.start();
        CapturedEvent event = new CapturedEvent();
        try (LogStore store = LogStore.open(WalFixtures.options(dir).build())) {
            for (int i = 0; i < 20_000; i++) {
                store.append(event.reset().message("event {} with some text to fill the files", MessageStyle.SLF4J)
                        .addArgument(i));
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertNull(problem.get());
        WalFixtures.assertEachSequenceOnce(WalFixtures.readAll(dir), 20_000);
    }

    @Test
    void compact_whileAWriterHoldsTheStore_refuses() throws Exception {
        LogStore store = LogStore.open(WalFixtures.options(dir).build());
        try {
            assertThrows(StoreLockedException.class, () -> StoreMaintenance.compact(dir));
        } finally {
            store.close();
        }
    }

    @Test
    void compact_directoryWithoutAStore_refuses() throws Exception {
        assertThrows(NotAStoreException.class, () -> StoreMaintenance.compact(dir));
    }

    @Test
    void open_earlierRunsWalFile_waitsOutTheStartThenTheCloseConvertsIt() throws Exception {
        StoreOptions options = StoreOptions.builder(dir).problemListener((m, c) -> { }).build();
        CapturedEvent e = new CapturedEvent();
        try (LogStore first = LogStore.open(options)) {
            first.append(e.reset().level(Level.INFO).logger("l").thread("t").message("first run", MessageStyle.LITERAL));
            first.close(Duration.ofSeconds(5), Duration.ZERO); // leaves its WAL file to the next start
        }
        try (LogStore second = LogStore.open(options)) {
            Thread.sleep(500); // well inside the start's grace: nothing converted yet
            assertEquals(List.of(), SegmentFiles.list(dir), "converted during the application's start");
        }
        assertEquals(1, SegmentFiles.list(dir).size(), "the close converts what waited");
    }

    @Test
    void builder_closeConversionTimeoutByDefault_isOneSecond() {
        // as long as logback's AsyncAppender waits for its queue at a stop: a stop must not wait longer
        assertEquals(Duration.ofSeconds(1), StoreOptions.builder(dir).build().closeConversionTimeout());
    }

    @Test
    void set_retentionOptionsAsText_parsesThem() {
        StoreOptions.Builder b = StoreOptions.builder(dir);
        assertTrue(b.set("maxTotalSize", "2GiB"));
        assertTrue(b.set("MAXAGE", "14d"));
        assertTrue(b.set("closeConversionTimeout", "250ms"));
        StoreOptions o = b.build();
        assertEquals(2L << 30, o.maxTotalSize());
        assertEquals(Duration.ofDays(14), o.maxAge());
        assertEquals(Duration.ofMillis(250), o.closeConversionTimeout());
        assertTrue(b.set("maxTotalSize", "off"));
        assertTrue(b.set("maxAge", "none"));
        assertEquals(0, b.build().maxTotalSize());
        assertNull(b.build().maxAge());
        assertThrows(IllegalArgumentException.class, () -> b.set("maxAge", "soon"));
        assertThrows(IllegalArgumentException.class, () -> b.set("maxTotalSize", "1KiB"));
    }

    @Test
    void manifest_afterClose_listsEachWalIdOnce() throws Exception {
        WalFixtures.writeRun(dir, 1_000, 3);
        List<Long> wals = new ArrayList<>();
        WalFiles.list(dir).forEach(p -> wals.add(WalFiles.idOf(p)));
        StoreMaintenance.compact(WalFixtures.options(dir).build());
        String manifest = Files.readString(ManifestFile.path(dir));
        for (long id : wals) {
            assertTrue(manifest.contains("\"walIds\":[" + id + "]"), "WAL " + id + " in " + manifest);
        }
    }
}
