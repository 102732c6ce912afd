package io.timberlog.core.internal.manifest;

import io.timberlog.core.Damage;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreReader;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.query.Query;
import io.timberlog.core.query.QueryResult;
import io.timberlog.core.query.StoreSet;
import io.timberlog.core.testing.WalFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ManifestTest {
    @TempDir
    Path dir;
    @TempDir
    Path outside;

    private void storeWithSegments(int events) throws Exception {
        WalFixtures.writeRun(dir, events, 11);
        StoreMaintenance.compact(WalFixtures.options(dir).build());
    }

    private String manifestText() throws Exception {
        return new String(Files.readAllBytes(ManifestFile.path(dir)), StandardCharsets.UTF_8);
    }

    @Test
    void write_thenRead_sameManifest() throws Exception {
        storeWithSegments(1_000);
        Manifest written = ManifestFile.read(dir).manifest;
        ManifestFile.write(dir, written);
        Manifest read = ManifestFile.read(dir).manifest;
        assertEquals(new String(ManifestFile.toJson(written), StandardCharsets.UTF_8),
                new String(ManifestFile.toJson(read), StandardCharsets.UTF_8));
        assertTrue(read.segments().size() > 1);
        assertTrue(read.highestSequence() >= 999);
    }

    @Test
    void open_missingManifest_rebuiltFromFootersWithAWarning() throws Exception {
        storeWithSegments(1_000);
        Manifest before = ManifestFile.read(dir).manifest;
        Files.delete(ManifestFile.path(dir));
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        LogStore store = LogStore.open(WalFixtures.options(dir).problemListener((m, c) -> warnings.add(m)).build());
        try {
            // The segment manager reads (and here rebuilds) the manifest on its own thread, off the open.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (warnings.stream().noneMatch(w -> w.contains("manifest.json is missing; rebuilt"))) {
                assertTrue(System.nanoTime() < deadline, warnings.toString());
                Thread.sleep(10);
            }
            Manifest rebuilt = ManifestFile.read(dir).manifest;
            assertEquals(files(before), files(rebuilt));
            assertEquals(before.coveredWalIds(), rebuilt.coveredWalIds());
            assertEquals(before.highestSequence(), rebuilt.highestSequence());
        } finally {
            store.close();
        }
        WalFixtures.assertEachSequenceOnce(WalFixtures.readAll(dir), 1_000);
    }

    private static List<String> files(Manifest m) {
        List<String> files = new ArrayList<>();
        m.segments().forEach(e -> files.add(e.file()));
        return files;
    }

    @Test
    void readAll_damagedManifest_reportsItAndReadsEverySegment() throws Exception {
        storeWithSegments(500);
        Files.write(ManifestFile.path(dir), "{\"format\":\"timberlog-manifest\",\"vers".getBytes(StandardCharsets.UTF_8));
        List<io.timberlog.core.LogEvent> events = new ArrayList<>();
        StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(events::add);
        WalFixtures.assertEachSequenceOnce(events, 500);
        assertEquals(1, summary.corruption().size());
        Damage d = summary.corruption().get(0);
        assertEquals(ManifestFile.path(dir), d.file());
        assertTrue(d.detail().contains("rebuilt"), d.detail());
    }

    @Test
    void open_damagedManifest_rebuiltAndRewritten() throws Exception {
        storeWithSegments(500);
        Files.write(ManifestFile.path(dir), new byte[] {(byte) 0xFF, 0, 1});
        List<String> warnings = new ArrayList<>();
        StoreMaintenance.compact(WalFixtures.options(dir).problemListener((m, c) -> warnings.add(m)).build());
        assertEquals(ManifestFile.Result.Status.OK, ManifestFile.read(dir).status);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("rebuilt")), warnings.toString());
        WalFixtures.assertEachSequenceOnce(WalFixtures.readAll(dir), 500);
    }

    /**
     * A bit flip that leaves valid JSON with plausible values (here an entry's first sequence number, 0
     * become 2) once hid two intact events from queries without a word: the checksum makes the manifest
     * damaged, so readers rebuild it from the segments' footers, report it, and return every event.
     */
    @Test
    void read_flipInAnEntrysSequenceRange_isDamageAndNoEventIsHidden() throws Exception {
        storeWithSegments(1_000);
        String json = manifestText();
        assertTrue(json.contains("\"minSequence\":0,"), json);
        Files.write(ManifestFile.path(dir), json.replaceFirst("\"minSequence\":0,", "\"minSequence\":2,")
                .getBytes(StandardCharsets.UTF_8));

        ManifestFile.Result result = ManifestFile.read(dir);
        assertEquals(ManifestFile.Result.Status.DAMAGED, result.status);
        assertTrue(result.problem.contains("checksum mismatch"), result.problem);
        StoreReader.ReadSummary read = StoreReader.open(dir).readAll(e -> { });
        assertEquals(1_000, read.events());
        assertTrue(read.damages().stream().anyMatch(d -> d.file().endsWith(ManifestFile.FILE_NAME)), read.damages().toString());
        WalFixtures.assertEachSequenceOnce(WalFixtures.readAll(dir), 1_000);
        try (QueryResult query = StoreSet.open(dir).query(Query.all())) {
            long n = 0;
            for (; query.hasNext(); n++) {
                query.next();
            }
            assertEquals(1_000, n);
            assertTrue(query.damages().stream().anyMatch(d -> d.file().endsWith(ManifestFile.FILE_NAME)),
                    query.damages().toString());
        }
    }

    @Test
    void read_version1WithoutChecksum_isRead() throws Exception {
        storeWithSegments(1_000);
        String json = manifestText();
        String version1 = json.substring(0, json.lastIndexOf(",\"crc32c\":")).replace("\"version\":2", "\"version\":1") + "}";
        Files.write(ManifestFile.path(dir), version1.getBytes(StandardCharsets.UTF_8));
        ManifestFile.Result result = ManifestFile.read(dir);
        assertEquals(ManifestFile.Result.Status.OK, result.status, result.problem);
        assertEquals(ManifestFile.read(dir).manifest.segments().size(), result.manifest.segments().size());
    }

    @Test
    void read_version2WithoutChecksumOrWithAFieldAfterIt_isDamage() throws Exception {
        storeWithSegments(1_000);
        String json = manifestText();
        int crcAt = json.lastIndexOf(",\"crc32c\":");
        Files.write(ManifestFile.path(dir), (json.substring(0, crcAt) + "}").getBytes(StandardCharsets.UTF_8));
        assertEquals("no checksum", problemAfterThePath());
        Files.write(ManifestFile.path(dir), (json.substring(0, json.lastIndexOf('}')) + ",\"extra\":1}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("a field after the checksum", problemAfterThePath());
    }

    private String problemAfterThePath() throws Exception {
        ManifestFile.Result result = ManifestFile.read(dir);
        assertEquals(ManifestFile.Result.Status.DAMAGED, result.status);
        return result.problem.substring(result.problem.indexOf(": ") + 2);
    }

    @Test
    void read_newerVersion_refusedAsSuch() throws Exception {
        Files.write(ManifestFile.path(dir), ManifestFile.seal("{\"format\":\"timberlog-manifest\",\"version\":3,\"segments\":[]}"
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(ManifestFile.Result.Status.NEWER_VERSION, ManifestFile.read(dir).status);
        assertThrows(UnsupportedFormatException.class, () -> ManifestLoader.load(dir));
    }

    /** Entries an attacker (or a bit flip) could put in the manifest: each makes it damaged, nothing is opened. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\"file\":\"../../etc/passwd\"",
        "\"file\":\"/etc/passwd\"",
        "\"file\":\"segment_000001.log/../../../etc/passwd\"",
        "\"file\":\"segments/segment_000001.log\"",
        "\"file\":\"segment_000001.log\\u0000.txt\"",
        "\"file\":\"SEGMENT_000001.LOG\"",
        "\"file\":7",
        "\"size\":99999999999999999999999999",
        "\"size\":-1",
        "\"events\":1e400",
        "\"minSequence\":\"0\"",
        "\"walIds\":[18446744073709551616]",
        "\"walIds\":{\"$type\":\"java.lang.Runtime\"}",
        "\"file\":\"segment_000001.log\",\"file\":\"segment_000002.log\"",
    })
    void read_hostileEntry_manifestIsDamaged(String field) throws Exception {
        storeWithSegments(200);
        String text = manifestText();
        String key = field.substring(0, field.indexOf(':'));
        int at = text.indexOf(key + ":");
        int end = at + key.length() + 1;
        int depth = 0;
        while (depth > 0 || (text.charAt(end) != ',' && text.charAt(end) != '}')) {
            char c = text.charAt(end);
            depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
            end++;
        }
        Files.write(ManifestFile.path(dir), (text.substring(0, at) + field + text.substring(end))
                .getBytes(StandardCharsets.UTF_8));

        ManifestFile.Result read = ManifestFile.read(dir);

        assertEquals(ManifestFile.Result.Status.DAMAGED, read.status, field);
        WalFixtures.assertEachSequenceOnce(WalFixtures.readAll(dir), 200);
    }

    @Test
    void readAll_segmentSymlinkedOutOfTheStore_isNotRead() throws Exception {
        storeWithSegments(200);
        Manifest manifest = ManifestFile.read(dir).manifest;
        ManifestEntry real = manifest.segments().get(0);
        // A valid segment outside the store, linked in under a name the manifest lists.
        Path foreign = outside.resolve("segment_000099.log");
        Files.copy(SegmentFiles.directory(dir).resolve(real.file()), foreign);
        Path link = SegmentFiles.directory(dir).resolve("segment_000099.log");
        Files.createSymbolicLink(link, foreign);
        ManifestEntry linked = new ManifestEntry("segment_000099.log", real.size(), real.events(), 10_000, 10_000,
                real.minEpochNanos(), real.maxEpochNanos(), real.runs(), new long[6], new long[] {99_999});
        ManifestFile.write(dir, manifest.with(linked));

        assertNull(SegmentLocator.locate(dir, "segment_000099.log"));
        List<io.timberlog.core.LogEvent> events = new ArrayList<>();
        StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(events::add);
        WalFixtures.assertEachSequenceOnce(events, 200);
        assertTrue(summary.corruption().stream().anyMatch(d -> d.detail().contains("not a regular file")));
    }

    @Test
    void locate_segmentsDirectorySymlinkedOutOfTheStore_refused() throws Exception {
        Files.createDirectories(outside.resolve("segs"));
        Files.write(outside.resolve("segs").resolve("segment_000001.log"), new byte[] {1});
        Files.createSymbolicLink(SegmentFiles.directory(dir), outside.resolve("segs"));
        assertNull(SegmentLocator.locate(dir, "segment_000001.log"));
        assertEquals(List.of(), SegmentFiles.list(dir));
    }
}
