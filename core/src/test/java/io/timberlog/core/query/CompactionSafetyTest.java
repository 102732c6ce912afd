package io.timberlog.core.query;

import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.segment.SegmentFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static io.timberlog.core.query.QueryTestStores.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What a compaction or a writer's start may delete or rewrite: only what holds nothing (a WAL file
 * that is zero from end to end) and only stores whose every file this version can read. A WAL file
 * whose header was lost keeps its events for the readers.
 */
class CompactionSafetyTest {
    @TempDir
    Path dir;

    private static void events(Writer w) {
        for (int i = 0; i < 4000; i++) {
            w.append(i, Level.INFO, "l", "event {} with padding so that files rotate", (long) i);
        }
    }

    /** 4000 events in WAL files that were not converted. */
    private void walFiles() throws Exception {
        writeUnconverted(options(dir).maxWalSize(256 << 10), CompactionSafetyTest::events);
    }

    /** 4000 events in segments. */
    private void segments() throws Exception {
        write(options(dir).maxWalSize(256 << 10), CompactionSafetyTest::events);
    }

    private List<Path> files(String subdirectory) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve(subdirectory))) {
            return s.sorted().toList();
        }
    }

    private int eventCount() throws Exception {
        return run(dir, Query.builder().build()).size();
    }

    private static void zero(Path file, long at, int length) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(length), at);
        }
    }

    @Test
    void walFileWithAZeroedFirstPage_isReportedAndItsOtherEventsAreRead() throws Exception {
        walFiles();
        Path first = files("wal").get(0);
        zero(first, 0, 4096); // the header and the first records: a page lost on power loss

        VerifyReport report = StoreSet.open(dir).verify();

        assertFalse(report.isWhole());
        assertEquals(first, report.problems().get(0).file());
        int events = eventCount();
        assertTrue(events > 3900 && events < 4000, "events read: " + events);
    }

    @Test
    void compactAndWriterStart_leaveAWalFileWhoseHeaderIsLost() throws Exception {
        walFiles();
        Path first = files("wal").get(0);
        zero(first, 0, 128);
        int before = eventCount();

        StoreMaintenance.compact(options(dir).build());
        assertTrue(Files.exists(first), "compaction deleted the file");
        try (LogStore store = LogStore.open(options(dir).build())) {
            assertTrue(Files.exists(first), "the writer's start deleted the file");
        }

        assertTrue(Files.exists(first), "the writer's conversion deleted the file");
        assertEquals(4000, before);
        assertEquals(4000, eventCount());
    }

    @Test
    void compact_deletesAFileThatIsZeroThroughout_andKeepsOneWithDataPastItsFirstMebibyte() throws Exception {
        walFiles();
        Path blank = dir.resolve("wal").resolve("wal_000090.wal");
        Path notBlank = dir.resolve("wal").resolve("wal_000091.wal");
        Files.write(blank, new byte[3 << 20]);
        byte[] late = new byte[3 << 20];
        late[(3 << 20) - 8] = 1;
        Files.write(notBlank, late);

        StoreMaintenance.compact(options(dir).build());

        assertFalse(Files.exists(blank));
        assertTrue(Files.exists(notBlank));
    }

    @Test
    void compactAndWriterStart_segmentFileLost_theLossIsStillReported() throws Exception {
        segments();
        Path lost = files("segments").get(0);
        Files.delete(lost);

        StoreMaintenance.compact(options(dir).build());
        LogStore.open(options(dir).build()).close();

        VerifyReport report = StoreSet.open(dir).verify();
        assertFalse(report.isWhole());
        assertEquals(lost, report.problems().get(0).file());
        assertTrue(report.problems().get(0).detail().contains("events are lost"), report.problems().toString());
    }

    /**
     * A crashed run's wal.meta is as of the flusher's last update (here: the one at the start); a
     * compaction then converts every file of the run, also the one the meta names. The next writer takes
     * its WAL ids and sequence numbers from the meta without reading the manifest: it must not reuse
     * those the compaction put in segments (the reused WAL id's file would be skipped by readers and
     * deleted by its conversion, the reused sequence numbers would overlap).
     */
    @Test
    void writerStart_afterCompactingACrashedRunWhoseMetaWasBehind_goesOnAboveItsIdsAndSequences() throws Exception {
        Path meta = dir.resolve("wal.meta");
        byte[][] metaAtStart = new byte[1][];
        writeUnconverted(options(dir).maxWalSize(256 << 10), w -> {
            metaAtStart[0] = read(meta);
            for (int i = 0; i < 20_000; i++) { // several files
                w.append(i, Level.INFO, "l", "event {} with padding so that files rotate", (long) i);
            }
        });
        Files.write(meta, metaAtStart[0]); // as a SIGKILL leaves it: behind the files
        StoreMaintenance.compact(options(dir).build());

        nextRunAppends100_andEveryEventIsThereOnce(20_000);
    }

    /**
     * A wal.meta that stays behind while a writer runs (a write of it failed; here the file is replaced by
     * a copy of itself, which the writer's open channel no longer reaches) must not make the writer delete
     * the WAL files it converts: the next run, which takes its ids from the meta, would reuse theirs, and
     * its first file would be taken for a converted one and deleted with its events.
     */
    @Test
    void writerConversions_whileItsWalMetaIsBehind_keepTheFiles_soThatTheNextRunLosesNothing() throws Exception {
        write(options(dir), w -> w.append(0, Level.INFO, "l", "the store and its wal.meta exist", 0L));
        Path meta = dir.resolve("wal.meta");
        write(options(dir).maxWalSize(256 << 10), w -> {
            Path copy = dir.resolve("wal.meta.copy");
            try {
                Files.write(copy, read(meta)); // names this run's first file, and stays so
                Files.move(copy, meta, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 1; i <= 20_000; i++) { // several files, converted while the writer runs and at its close
                w.append(i, Level.INFO, "l", "event {} with padding so that files rotate", (long) i);
            }
        });

        nextRunAppends100_andEveryEventIsThereOnce(20_001);
        assertEquals(List.of(), files("wal"), "the next run deleted the files kept for it");
    }

    /**
     * A next run appends 100 events numbered from {@code first}: then every event of the store is read
     * back once (the count), no sequence number is used twice, and verify finds the store whole.
     */
    private void nextRunAppends100_andEveryEventIsThereOnce(int first) throws Exception {
        write(options(dir), w -> {
            for (int i = first; i < first + 100; i++) {
                w.append(i, Level.INFO, "l", "event {} of the next run", (long) i);
            }
        });
        List<QueryHit> hits = run(dir, Query.builder().build());
        assertEquals(first + 100, hits.size());
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i).sequence() > hits.get(i - 1).sequence(), "sequence reused at " + i);
        }
        VerifyReport report = StoreSet.open(dir).verify();
        assertTrue(report.isWhole(), report.problems().toString());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void compact_storeWithASegmentOfANewerVersion_refusesAndChangesNothing() throws Exception {
        segments();
        Path segment = files("segments").get(0);
        byte[] header = new byte[SegmentFormat.HEADER_SIZE];
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.read(ByteBuffer.wrap(header), 0);
            header[SegmentFormat.HEADER_VERSION_OFFSET] = (byte) (SegmentFormat.VERSION + 1);
            CRC32C crc = new CRC32C();
            crc.update(header, 0, SegmentFormat.HEADER_CRC_OFFSET);
            Bytes.putInt(header, SegmentFormat.HEADER_CRC_OFFSET, (int) crc.getValue());
            ch.write(ByteBuffer.wrap(header), 0);
        }
        // A WAL file left by a crashed run, which a compaction would otherwise convert.
        writeUnconverted(options(dir), w -> w.append(5000, Level.INFO, "l", "later"));
        List<Path> walBefore = files("wal");
        byte[] manifestBefore = Files.readAllBytes(dir.resolve("manifest.json"));

        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> StoreMaintenance.compact(options(dir).build()));

        assertTrue(e.getMessage().contains(segment.getFileName().toString()), e.getMessage());
        assertEquals(walBefore, files("wal"));
        assertArrayEquals(manifestBefore, Files.readAllBytes(dir.resolve("manifest.json")));
    }
}
