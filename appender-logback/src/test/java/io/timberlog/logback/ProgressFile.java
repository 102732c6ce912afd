package io.timberlog.logback;

import io.timberlog.testing.LoggingChild;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The progress file of {@link LoggingChild}'s {@code forever} mode: one long per thread, how many of its
 * logging calls had returned. The child writes it through a shared mapping, so what it wrote survives its
 * SIGKILL (the page cache outlives the process).
 */
final class ProgressFile {
    private static final long SIZE = 8L * LoggingChild.THREADS;

    private ProgressFile() {
    }

    /** A read-only view of the child's counts, or null while the child has not created the file yet. */
    static ByteBuffer map(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) < SIZE) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, SIZE);
        }
    }

    /** The counts; zeros when the child died before it created the file. */
    static long[] read(Path file) throws IOException {
        long[] counts = new long[LoggingChild.THREADS];
        ByteBuffer progress = map(file);
        for (int t = 0; progress != null && t < counts.length; t++) {
            counts[t] = progress.getLong(8 * t);
        }
        return counts;
    }
}
