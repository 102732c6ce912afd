package io.timberlog.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Fresh copies of a store, for tests that damage or open one store many times over. */
public final class StoreCopies {
    private StoreCopies() {
    }

    /** Replaces {@code to} (deleted first when it exists) with a copy of the directory tree {@code from}. */
    public static void replace(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> paths = Files.walk(to)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
        List<Path> files;
        try (Stream<Path> paths = Files.walk(from)) {
            files = paths.collect(Collectors.toList());
        }
        for (Path p : files) {
            Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
    }
}
