package io.timberlog.core.internal.manifest;

import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.SegmentFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Makes a manifest from the segments' own footers, for a store whose {@code manifest.json} is missing
 * or damaged. A segment that cannot be opened is left out (and reported); of two segments made from
 * the same WAL file (a conversion repeated after a crash) the first is kept and the other reported as
 * a duplicate, so that no event is listed twice.
 */
public final class ManifestRebuilder {
    /** What rebuilding found. */
    public static final class Result {
        public final Manifest manifest;
        /** Segment files left out: unreadable, or duplicating another segment's WAL files. */
        public final List<Path> leftOut;

        Result(Manifest manifest, List<Path> leftOut) {
            this.manifest = manifest;
            this.leftOut = leftOut;
        }
    }

    private ManifestRebuilder() {
    }

    public static Result rebuild(Path store, long generation, Consumer<String> problems) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        List<Path> leftOut = new ArrayList<>();
        Set<Long> walIds = new HashSet<>();
        long highestWal = 0;
        long highestSequence = -1;
        for (Path file : SegmentFiles.list(store)) {
            ManifestEntry entry;
            try {
                entry = ManifestEntry.read(file);
            } catch (SegmentDamageException e) {
                problems.accept("segment " + file + " is damaged and left out of the rebuilt manifest: " + e.detail());
                leftOut.add(file);
                continue;
            }
            if (!entry.file().equals(file.getFileName().toString())) {
                problems.accept("segment " + file + " says it is " + entry.file() + "; left out");
                leftOut.add(file);
                continue;
            }
            boolean duplicate = false;
            for (long id : entry.walIds()) {
                duplicate |= walIds.contains(id);
            }
            if (duplicate) {
                problems.accept("segment " + file + " repeats the events of another segment; left out");
                leftOut.add(file);
                continue;
            }
            for (long id : entry.walIds()) {
                walIds.add(id);
                highestWal = Math.max(highestWal, id);
            }
            highestSequence = Math.max(highestSequence, entry.maxSequence());
            entries.add(entry);
        }
        return new Result(new Manifest(generation, highestWal, highestSequence, 0, entries), leftOut);
    }
}
