package io.timberlog.core.internal.manifest;

import io.timberlog.core.internal.segment.SegmentReader;

import java.nio.file.Files;
import java.nio.file.Path;

/** Lets tests in other packages list a segment they wrote by hand in a store's manifest. */
public final class ManifestFileAccess {
    private ManifestFileAccess() {
    }

    public static void list(Path store, Path segment) throws Exception {
        try (SegmentReader reader = SegmentReader.open(segment)) {
            Manifest m = ManifestFile.read(store).manifest;
            ManifestFile.write(store, (m == null ? Manifest.empty() : m).with(ManifestEntry.of(reader.info(),
                    Files.size(segment))));
        }
    }
}
