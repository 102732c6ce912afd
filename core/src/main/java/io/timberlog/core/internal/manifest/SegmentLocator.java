package io.timberlog.core.internal.manifest;

import io.timberlog.core.internal.segment.SegmentFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Turns a segment name from the manifest into a path, refusing anything that could lead outside the
 * store: only names of the form {@code segment_NNNNNN.log} (no separators, no dots but the
 * extension's), resolved inside {@code segments/}, which must be a real directory, to a regular
 * file that is not a symbolic link.
 */
public final class SegmentLocator {
    private SegmentLocator() {
    }

    /**
     * The segment's file, or {@code null} when the name or the file is not safe to open, or there is no
     * such file.
     *
     * @throws java.nio.file.AccessDeniedException when the directory cannot be searched: a file that
     *                                             cannot be looked at is not a lost one
     */
    public static Path locate(Path store, String name) throws IOException {
        if (name == null || SegmentFiles.idOf(name) < 0) {
            return null;
        }
        Path dir = SegmentFiles.directory(store);
        Path file = dir.resolve(name);
        if (!file.getParent().equals(dir)) {
            return null;
        }
        try {
            if (!Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()
                    || !Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                return null;
            }
        } catch (NoSuchFileException e) {
            return null;
        }
        return file;
    }
}
