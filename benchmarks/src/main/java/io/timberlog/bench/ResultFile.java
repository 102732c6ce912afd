package io.timberlog.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** How a child JVM hands its figures to the runner: a properties file. */
final class ResultFile {
    private ResultFile() {
    }

    static void write(Path file, Properties figures) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            figures.store(out, null);
        }
    }

    static Properties read(Path file) throws IOException {
        Properties figures = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            figures.load(in);
        }
        return figures;
    }
}
