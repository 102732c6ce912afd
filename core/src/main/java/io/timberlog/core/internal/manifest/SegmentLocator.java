package io.timberlog.core.internal.manifest;

import io.timberlog.core.internal.segment.SegmentFiles;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns a segment name from the manifest into a path, refusing anything that could lead outside the
 * store: only names of the form {@code segment_NNNNNN.log} (no separators, no dots but the
 * extension's), resolved inside {@code segments/}, which must be a real directory, to a regular
 * file that is not a symbolic link.
 */
public final class SegmentLocator {
    private SegmentLocator() {
    }

    /** The segment's file, or {@code null} when the name or the file is not safe to open. */
    public static Path locate(Path store, String name) {
        if (name == null || SegmentFiles.idOf(name) < 0) {
            return null;
        }
        Path dir = SegmentFiles.directory(store);
        Path file = dir.resolve(name);
        if (!file.getParent().equals(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return file;
    }
}
