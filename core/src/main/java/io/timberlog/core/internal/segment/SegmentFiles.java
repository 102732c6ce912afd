package io.timberlog.core.internal.segment;

import io.timberlog.core.internal.io.NumberedFileName;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Names of the files in a store's {@code segments/} directory: zero-padded ids, so that {@code ls} order is log order. */
public final class SegmentFiles {
    public static final String DIRECTORY = "segments";
    private static final NumberedFileName NAME = new NumberedFileName("segment_", ".log");

    private SegmentFiles() {
    }

    public static Path directory(Path store) {
        return store.resolve(DIRECTORY);
    }

    public static String fileName(long segmentId) {
        return NAME.format(segmentId);
    }

    public static Path path(Path store, long segmentId) {
        return directory(store).resolve(fileName(segmentId));
    }

    /** The id in a segment file name, or -1 when the name is not one (paths, other names, temporary files). */
    public static long idOf(String fileName) {
        return NAME.parse(fileName);
    }

    /** The segment files of a store (regular files, symbolic links excluded) in id order. */
    public static List<Path> list(Path store) throws IOException {
        return listMatching(store, "segment_*.log", true);
    }

    /** Files a crashed writer left half-written ({@code segment_*.log.tmp}). */
    public static List<Path> listTemporary(Path store) throws IOException {
        return listMatching(store, "segment_*" + SegmentWriter.TEMP_SUFFIX, false);
    }

    private static List<Path> listMatching(Path store, String glob, boolean segmentsOnly) throws IOException {
        Path dir = directory(store);
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            for (Path p : stream) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && (!segmentsOnly || idOf(p.getFileName().toString()) >= 0)) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparingLong(p -> idOf(p.getFileName().toString())));
        return files;
    }
}
