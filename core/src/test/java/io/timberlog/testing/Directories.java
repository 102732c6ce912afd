package io.timberlog.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copies and deletes directory trees: the stores that seeded test cases make, damage and keep when they fail. */
public final class Directories {
    private Directories() {
    }

    /** Copies the tree at {@code from} to {@code to}, replacing files that are there. */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Keeps a failed case's store as {@code target/<kind>/<seed>} (for the test's report) and returns where. */
    public static Path keepFailed(Path store, String kind, long seed) throws IOException {
        Path kept = Paths.get("target", kind, Long.toString(seed));
        copy(store, kept);
        return kept;
    }

    /** Deletes the tree at {@code dir}, if there is one. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
