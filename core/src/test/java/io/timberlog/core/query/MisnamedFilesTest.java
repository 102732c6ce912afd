package io.timberlog.core.query;

import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.testing.WalFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Files copied or renamed by hand inside a store (a backup restored into the wrong place, a copy made
 * "to be safe"): their events are never read twice, and verify reports them. Found by the CLI's
 * damage test (query-cli DamageTest).
 */
class MisnamedFilesTest {
    @TempDir
    Path dir;

    @Test
    void query_walFileCopiedBesideUnderANewName_readsItsEventsOnceAndReportsTheCopy() throws Exception {
        WalFixtures.writeRun(dir, 300, 7);
        List<Path> wal = sorted(dir.resolve("wal"));
        Files.copy(wal.get(0), dir.resolve("wal").resolve("wal_000900.wal"));

        assertEventsOnce(300);
        VerifyReport report = StoreSet.open(dir).verify();
        assertFalse(report.isWhole());
        assertTrue(report.problems().toString().contains("the header names WAL file 1"), report.problems().toString());
    }

    @Test
    void query_segmentCopiedOverAnother_leavesTheCopyOutAndReportsIt() throws Exception {
        WalFixtures.writeRun(dir, 300, 7);
        StoreMaintenance.compact(dir);
        WalFixtures.writeRun(dir, 300, 8);
        StoreMaintenance.compact(dir);
        List<Path> segments = sorted(dir.resolve("segments"));
        assertTrue(segments.size() >= 2, "segments: " + segments);
        Files.copy(segments.get(0), segments.get(1), StandardCopyOption.REPLACE_EXISTING);

        try (QueryResult result = StoreSet.open(dir).query(Query.all())) {
            Set<Long> sequences = new HashSet<>();
            while (result.hasNext()) {
                long sequence = result.next().event().sequence();
                assertTrue(sequences.add(sequence), "sequence " + sequence + " twice");
            }
            assertTrue(result.damages().toString().contains("the segment's header names segment 1"),
                    result.damages().toString());
        }
        assertFalse(StoreSet.open(dir).verify().isWhole());
    }

    private void assertEventsOnce(int count) throws Exception {
        Set<Long> sequences = new HashSet<>();
        try (QueryResult result = StoreSet.open(dir).query(Query.all())) {
            while (result.hasNext()) {
                long sequence = result.next().event().sequence();
                assertTrue(sequences.add(sequence), "sequence " + sequence + " twice");
            }
        }
        assertEquals(count, sequences.size());
    }

    private static List<Path> sorted(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".tmp")).sorted().collect(Collectors.toList());
        }
    }
}
