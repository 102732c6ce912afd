package io.timberlog.agent;

import io.timberlog.testing.LoggingChild;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A test application started in {@code forever} mode ({@link LoggingChild}): how many of each thread's
 * logging calls have returned, read from the progress file it maps, and its end by SIGKILL.
 */
final class RunningChild implements AutoCloseable {
    private final Process process;
    private final Path output;
    private final Path progressFile;
    private MappedByteBuffer progress;

    RunningChild(Process process, Path output, Path progressFile) {
        this.process = process;
        this.output = output;
        this.progressFile = progressFile;
    }

    long pid() {
        return process.pid();
    }

    /** Returned calls per thread, now. */
    long[] acknowledged() throws IOException, InterruptedException {
        long size = 8L * LoggingChild.THREADS;
        while (progress == null) {
            if (Files.exists(progressFile) && Files.size(progressFile) >= size) {
                try (FileChannel channel = FileChannel.open(progressFile, StandardOpenOption.READ)) {
                    progress = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
                }
            } else {
                assertTrue(process.isAlive(), () -> AgentJvm.printed(output));
                Thread.sleep(10);
            }
        }
        long[] counts = new long[LoggingChild.THREADS];
        for (int t = 0; t < counts.length; t++) {
            counts[t] = progress.getLong(8 * t);
        }
        return counts;
    }

    /** Waits until every thread has had {@code calls} more calls return than {@code since}. */
    void awaitProgress(long[] since, long calls) throws IOException, InterruptedException {
        while (true) {
            long[] now = acknowledged();
            boolean done = true;
            for (int t = 0; t < now.length; t++) {
                done &= now[t] >= since[t] + calls;
            }
            if (done) {
                return;
            }
            assertTrue(process.isAlive(), () -> AgentJvm.printed(output));
            Thread.sleep(2);
        }
    }

    /** Kills the child with SIGKILL; returns the calls that had returned by then. */
    long[] kill9() throws IOException, InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, process.exitValue(), "killed by SIGKILL");
        return acknowledged();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
