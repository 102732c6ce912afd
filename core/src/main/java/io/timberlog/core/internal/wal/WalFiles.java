package io.timberlog.core.internal.wal;

import io.timberlog.core.internal.io.NumberedFileName;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Names of the files in a store's {@code wal/} directory: zero-padded ids, so that {@code ls} order is log order. */
public final class WalFiles {
    public static final String DIRECTORY = "wal";
    public static final String META = "wal.meta";
    private static final NumberedFileName NAME = new NumberedFileName("wal_", ".wal");

    private WalFiles() {
    }

    public static Path directory(Path store) {
        return store.resolve(DIRECTORY);
    }

    public static String fileName(long walId) {
        return NAME.format(walId);
    }

    public static Path path(Path store, long walId) {
        return directory(store).resolve(fileName(walId));
    }

    /** The id in a WAL file name, or -1 when the name is not one. */
    public static long idOf(Path file) {
        return NAME.parse(file.getFileName().toString());
    }

    /**
     * The WAL files of a store in id order; empty when there is no wal directory.
     *
     * @throws AccessDeniedException when the directory cannot be searched: its files would look like
     *                               something else than regular files, and the events in them lost
     */
    public static List<Path> list(Path store) throws IOException {
        Path dir = directory(store);
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        if (!Files.isExecutable(dir)) {
            throw new AccessDeniedException(dir.toString());
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "wal_*.wal")) {
            for (Path p : stream) {
                if (idOf(p) >= 0 && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        Collections.sort(files, (a, b) -> Long.compare(idOf(a), idOf(b)));
        return files;
    }
}
