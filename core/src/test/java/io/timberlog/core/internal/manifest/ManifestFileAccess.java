package io.timberlog.core.internal.manifest;


import java.nio.file.Path;

/** Lets tests in other packages list a segment they wrote by hand in a store's manifest. */
public final class ManifestFileAccess {
    private ManifestFileAccess() {
    }

    public static void list(Path store, Path segment) throws Exception {
        Manifest m = ManifestFile.read(store).manifest;
        ManifestFile.write(store, (m == null ? Manifest.empty() : m).with(ManifestEntry.read(segment)));
    }
}
