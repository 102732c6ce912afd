package io.timberlog.core.internal.manifest;

import io.timberlog.core.StoreOptions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Lets tests in other packages list a segment they wrote by hand in a store's manifest, and watch the
 * manifest's replacements.
 */
public final class ManifestFileAccess {
    private ManifestFileAccess() {
    }

    public static void list(Path store, Path segment) throws Exception {
        Manifest m = ManifestFile.read(store).manifest;
        ManifestFile.write(store, (m == null ? Manifest.empty() : m).with(ManifestEntry.read(segment)));
    }

    /**
     * Opens the segment manager of a store the caller writes; it runs {@code beforeManifest} in every
     * conversion once the segment is complete under its name and before the manifest lists it: the
     * moment at which a crash loses the manifest's replacement.
     */
    public static SegmentManager openWithHook(StoreOptions options, Runnable beforeManifest) throws IOException {
        return SegmentManager.open(options, ManifestLoader.load(options.directory()), step -> {
            if (step == ConversionStep.SEGMENT_WRITTEN) {
                beforeManifest.run();
            }
        });
    }

    /** The WAL ids a segment file was made from, read from its index (as a rebuilt manifest lists them). */
    public static long[] walIdsOf(Path segment) throws IOException {
        try {
            return ManifestEntry.read(segment).walIds();
        } catch (io.timberlog.core.internal.segment.SegmentDamageException e) {
            throw new IllegalStateException("a whole segment is damaged: " + segment, e);
        }
    }
}
