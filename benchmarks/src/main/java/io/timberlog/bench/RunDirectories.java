package io.timberlog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The scratch directories of runs, under {@code <out>/work}: each run gets a fresh one, deleted as
 * soon as its output is measured, so a full benchmark never holds more than one run's files.
 */
public final class RunDirectories {
    private final Path root;

    public RunDirectories(Path out) {
        this.root = out.resolve("work");
    }

    /** A new, empty directory named {@code name}. */
    public Path fresh(String name) throws IOException {
        Path dir = root.resolve(name);
        delete(dir);
        return Files.createDirectories(dir);
    }

    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Bytes of all regular files under {@code dir}. */
    public static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                total += Files.size(p);
            }
            return total;
        }
    }
}
