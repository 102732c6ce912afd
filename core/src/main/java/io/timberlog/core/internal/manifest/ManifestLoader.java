package io.timberlog.core.internal.manifest;

import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.segment.SegmentFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest a writer or a reader works from: {@code manifest.json} when it is intact, else one
 * rebuilt from the segments' footers, with a warning that says why. Writers then store the rebuilt
 * manifest; readers only use it.
 */
public final class ManifestLoader {
    /** A manifest and how it was obtained. */
    public static final class Loaded {
        public final Manifest manifest;
        /** Why the manifest had to be rebuilt, or {@code null} when it was read as it is. */
        public final String warning;
        /** True when the manifest file was there but damaged (not merely missing after a crash). */
        public final boolean damaged;
        public final List<Path> leftOut;

        Loaded(Manifest manifest, String warning, boolean damaged, List<Path> leftOut) {
            this.manifest = manifest;
            this.warning = warning;
            this.damaged = damaged;
            this.leftOut = leftOut;
        }

        public boolean rebuilt() {
            return warning != null;
        }
    }

    private ManifestLoader() {
    }

    /**
     * @throws UnsupportedFormatException when the manifest was written by a newer TimberLog
     */
    public static Loaded load(Path store) throws IOException {
        ManifestFile.Result read = ManifestFile.read(store);
        switch (read.status) {
            case OK:
                return new Loaded(read.manifest, null, false, List.of());
            case NEWER_VERSION:
                throw new UnsupportedFormatException(ManifestFile.path(store)
                        + " was written by a newer version of TimberLog (" + read.problem + ")");
            case MISSING:
                if (SegmentFiles.list(store).isEmpty()) {
                    return new Loaded(Manifest.empty(), null, false, List.of());
                }
                return rebuild(store, ManifestFile.FILE_NAME + " is missing", false);
            default:
                return rebuild(store, read.problem, true);
        }
    }

    private static Loaded rebuild(Path store, String why, boolean damaged) throws IOException {
        List<String> problems = new ArrayList<>();
        ManifestRebuilder.Result r = ManifestRebuilder.rebuild(store, 1, problems::add);
        StringBuilder warning = new StringBuilder(why).append("; rebuilt it from the footers of ")
                .append(r.manifest.segments().size()).append(" segment file(s)");
        for (String p : problems) {
            warning.append("; ").append(p);
        }
        return new Loaded(r.manifest, warning.toString(), damaged, r.leftOut);
    }
}
