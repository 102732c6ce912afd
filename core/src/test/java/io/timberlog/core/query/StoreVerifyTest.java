package io.timberlog.core.query;

import io.timberlog.core.Damage;
import io.timberlog.core.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static io.timberlog.core.query.QueryTestStores.*;
import static org.junit.jupiter.api.Assertions.*;

class StoreVerifyTest {
    @TempDir
    Path dir;

    private void twoFiles() throws Exception {
        write(options(dir).maxWalSize(256 << 10), w -> {
            for (int i = 0; i < 4000; i++) {
                w.append(i, Level.INFO, "l", "event {} with padding so that files rotate", (long) i);
            }
        });
    }

    private List<Path> walFiles() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("wal"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void verify_metaNeverWritten_isWhole() throws Exception {
        write(dir, w -> w.append(1, Level.INFO, "l", "one"));
        Files.write(dir.resolve("wal.meta"), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        assertTrue(StoreSet.open(dir).verify().isWhole());
    }

    @Test
    void verify_garbledMeta_isAProblem() throws Exception {
        write(dir, w -> w.append(1, Level.INFO, "l", "one"));
        Files.write(dir.resolve("wal.meta"), "garbage".getBytes(), StandardOpenOption.TRUNCATE_EXISTING);
        VerifyReport report = StoreSet.open(dir).verify();
        assertFalse(report.isWhole());
        assertTrue(report.problems().get(0).detail().contains("wal.meta"), report.problems().toString());
    }

    @Test
    void verify_zeroedRecordInsideSealedFileOfCleanRun_isAProblem() throws Exception {
        twoFiles();
        Path first = walFiles().get(0);
        try (var ch = java.nio.channels.FileChannel.open(first, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4096), 64 << 10); // a zeroed page in the middle
        }
        VerifyReport report = StoreSet.open(dir).verify();
        assertFalse(report.isWhole());
        assertEquals(first, report.problems().get(0).file());
        assertEquals(List.of(), report.expected());
        assertTrue(report.events() > 3800 && report.events() < 4000, "intact events still counted: " + report.events());
    }

    @Test
    void query_recordWhoseLengthIsNotPublishedYet_readsAroundIt() throws Exception {
        write(dir, w -> {
            for (int i = 0; i < 50; i++) {
                w.append(i, Level.INFO, "l", "event {}", (long) i);
            }
        });
        Path wal = walFiles().get(0);
        byte[] bytes = Files.readAllBytes(wal);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int p = 128;
        for (int record = 0; record < 20; record++) { // past the dictionary records, into the events
            p += (b.getInt(p) + 7) & ~7;
        }
        b.putInt(p, 0); // as a writer leaves a record it is copying: CRC and body in place, length not yet
        Files.write(wal, bytes);
        List<QueryHit> hits = run(dir, Query.all());
        assertEquals(49, hits.size());
        VerifyReport report = StoreSet.open(dir).verify();
        assertEquals(Damage.Kind.UNPUBLISHED, report.problems().get(0).kind());
    }

    @Test
    void verify_reportsFilesAndEvents() throws Exception {
        twoFiles();
        VerifyReport report = StoreSet.open(dir).verify();
        assertTrue(report.isWhole(), report.problems().toString());
        assertEquals(walFiles().size(), report.files());
        assertEquals(4000, report.events());
    }

    @Test
    void query_truncatedFile_returnsEventsBeforeTheCut() throws Exception {
        twoFiles();
        Path last = walFiles().get(walFiles().size() - 1);
        List<QueryHit> before = run(dir, Query.all());
        try (var ch = java.nio.channels.FileChannel.open(last, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2 + 3); // not on a record boundary
        }
        List<QueryHit> after = run(dir, Query.all());
        assertTrue(after.size() < before.size() && after.size() > 0);
        for (int i = 0; i < after.size(); i++) {
            assertEquals(before.get(i).event().sequence(), after.get(i).event().sequence());
        }
        List<Damage> damage = StoreSet.open(dir).verify().problems();
        assertFalse(damage.isEmpty());
    }
}
