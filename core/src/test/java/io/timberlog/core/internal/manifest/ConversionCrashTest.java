package io.timberlog.core.internal.manifest;

import io.timberlog.core.LogEvent;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.testing.Events;
import io.timberlog.core.testing.WalFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A conversion that dies after any of its steps (the process killed there, simulated by an error
 * thrown out of the step) leaves a store that reads every event exactly once, before and after the
 * next start finishes the work, with no orphan left.
 */
class ConversionCrashTest {
    @TempDir
    Path dir;

    /** What a process death looks like to the code after it: nothing more runs. */
    private static final class Crash extends Error {
        Crash() {
            super("simulated crash", null, false, false);
        }
    }

    @ParameterizedTest
    @EnumSource(ConversionStep.class)
    void crashAfterStep_storeReadsEveryEventOnce_andNextStartFinishes(ConversionStep crashAfter) throws Exception {
        WalFixtures.writeRun(dir, 1_500, 5);
        int walFiles = WalFiles.list(dir).size();
        assertTrue(walFiles >= 3);
        List<LogEvent> before = WalFixtures.readAll(dir);
        StoreOptions options = WalFixtures.options(dir).build();
        int[] conversions = {0};
        SegmentManager manager = SegmentManager.open(options, ManifestLoader.load(dir), step -> {
            if (step == crashAfter && ++conversions[0] == 2) {
                throw new Crash();
            }
        });
        assertThrows(Crash.class, () -> manager.convertAllNow(Long.MAX_VALUE));

        Events.assertSameEvents(before, WalFixtures.readAll(dir));

        StoreMaintenance.compact(options);
        Events.assertSameEvents(before, WalFixtures.readAll(dir));
        assertEquals(List.of(), WalFiles.list(dir));
        Manifest manifest = ManifestFile.read(dir).manifest;
        Set<String> listed = new HashSet<>();
        manifest.segments().forEach(e -> listed.add(e.file()));
        for (Path segment : SegmentFiles.list(dir)) {
            assertTrue(listed.contains(segment.getFileName().toString()), "orphan " + segment);
        }
        assertEquals(walFiles, manifest.coveredWalIds().size());
    }

    @Test
    void open_temporaryFilesOfACrashedConversion_areDeleted() throws Exception {
        WalFixtures.writeRun(dir, 100, 6);
        Files.createDirectories(SegmentFiles.directory(dir));
        Path halfSegment = SegmentFiles.directory(dir).resolve("segment_000007.log.tmp");
        Path halfManifest = dir.resolve(ManifestFile.FILE_NAME + ".tmp");
        Files.write(halfSegment, new byte[] {1, 2, 3});
        Files.write(halfManifest, "{\"format\":".getBytes());

        StoreMaintenance.compact(WalFixtures.options(dir).build());

        assertFalse(Files.exists(halfSegment));
        assertFalse(Files.exists(halfManifest));
        WalFixtures.assertEachSequenceOnce(WalFixtures.readAll(dir), 100);
    }

    @Test
    void open_orphanWhoseWalFilesAreGone_isAddedToTheManifest() throws Exception {
        WalFixtures.writeRun(dir, 300, 7);
        StoreMaintenance.compact(WalFixtures.options(dir).build());
        Manifest full = ManifestFile.read(dir).manifest;
        ManifestEntry last = full.segments().get(full.segments().size() - 1);
        // The manifest as it was before that segment was listed (e.g. restored from a backup).
        ManifestFile.write(dir, new Manifest(full.generation() + 1, full.highestWalId(), full.highestSequence(), 0,
                full.segments().subList(0, full.segments().size() - 1)));
        List<String> warnings = new java.util.ArrayList<>();

        StoreMaintenance.compact(WalFixtures.options(dir).problemListener((m, c) -> warnings.add(m)).build());

        assertTrue(ManifestFile.read(dir).manifest.coversWal(last.walIds()[0]));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("added it to the manifest")), warnings.toString());
        WalFixtures.assertEachSequenceOnce(WalFixtures.readAll(dir), 300);
    }
}
