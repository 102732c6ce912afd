package io.timberlog.core.internal.manifest;

import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.wal.ProblemReporter;
import io.timberlog.core.internal.wal.WalFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings the files of a store in line with its manifest at the start of a writer or a compaction,
 * under the store lock: deletes temporary files a crash left, and decides about segment files the
 * manifest does not list. Such an orphan is deleted when its events are elsewhere (its WAL files
 * still exist and will be converted again, or other segments hold them) or when retention had
 * already deleted them; otherwise it is added to the manifest, so that no event is lost. Entries
 * whose file is gone stay in the manifest, with a warning: the manifest is the record of what the
 * store should hold, and while it lists them, every read and {@code verify} reports their events as
 * lost (until retention expires them). Dropping them would make the loss look like a whole store.
 */
final class StoreCleanup {
    private StoreCleanup() {
    }

    static void run(Path store, ManifestHolder manifests, ProblemReporter problems) throws IOException {
        for (Path tmp : SegmentFiles.listTemporary(store)) {
            Files.deleteIfExists(tmp);
        }
        Files.deleteIfExists(store.resolve(ManifestFile.FILE_NAME + ".tmp"));
        reportMissing(store, manifests, problems);
        Manifest manifest = manifests.current();
        Set<String> listed = new HashSet<>();
        for (ManifestEntry e : manifest.segments()) {
            listed.add(e.file());
        }
        Set<Long> wals = new HashSet<>();
        for (Path wal : WalFiles.list(store)) {
            wals.add(WalFiles.idOf(wal));
        }
        for (Path file : SegmentFiles.list(store)) {
            if (!listed.contains(file.getFileName().toString())) {
                orphan(store, file, wals, manifests, problems);
            }
        }
    }

    private static void reportMissing(Path store, ManifestHolder manifests, ProblemReporter problems)
            throws IOException {
        List<ManifestEntry> missing = new ArrayList<>();
        long events = 0;
        for (ManifestEntry e : manifests.current().segments()) {
            if (SegmentLocator.locate(store, e.file()) == null) {
                missing.add(e);
                events += e.events();
            }
        }
        if (!missing.isEmpty()) {
            problems.report("missing-segment", missing.size() + " segment file(s) listed in the manifest are missing "
                    + "or not regular files (first: " + missing.get(0).file() + "); their " + events + " events are "
                    + "lost, and reads go on reporting them", null);
        }
    }

    private static void orphan(Path store, Path file, Set<Long> wals, ManifestHolder manifests,
                               ProblemReporter problems) throws IOException {
        ManifestEntry entry;
        try {
            entry = ManifestEntry.read(file);
        } catch (SegmentDamageException e) {
            problems.report("orphan", "segment " + file + " is not in the manifest and is damaged (" + e.detail()
                    + "); left in place", null);
            return;
        }
        Manifest manifest = manifests.current();
        if (manifest.accountsFor(entry, wals)) {
            Files.deleteIfExists(file);
            return;
        }
        if (!entry.file().equals(file.getFileName().toString())) {
            problems.report("orphan", "segment " + file + " names another segment id; left in place", null);
            return;
        }
        problems.report("orphan", "segment " + file + " was not in the manifest and holds events found nowhere else; "
                + "added it to the manifest", null);
        manifests.update(manifest.with(entry));
    }
}
