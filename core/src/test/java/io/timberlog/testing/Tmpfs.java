package io.timberlog.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to fill a disk or make it read-only for real. Needs the right to
 * mount (root in the build container); a test that cannot have one is skipped with the reason.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static Tmpfs mount(Path mountPoint, String size) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String error = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", mountPoint.toString());
        Assumptions.assumeTrue(error == null, "cannot mount a tmpfs here (" + error + "); needs root or CAP_SYS_ADMIN");
        return new Tmpfs(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    public void readOnly(boolean readOnly) throws IOException, InterruptedException {
        String error = run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), mountPoint.toString());
        if (error != null) {
            throw new IOException(error);
        }
    }

    /**
     * Writes a file until the file system is full, to the last byte: what a chunk leaves free would
     * still hold a small segment (a few KB), whose conversion then frees a whole WAL file.
     */
    public Path fill() throws IOException {
        Path filler = mountPoint.resolve("filler");
        for (int size : new int[] {64 << 10, 4 << 10, 1}) {
            byte[] chunk = new byte[size];
            try (var out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                while (true) {
                    out.write(chunk);
                }
            } catch (IOException full) {
                // full for chunks of this size: smaller ones next
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String error = run("umount", "-l", mountPoint.toString());
        if (error != null) {
            throw new IOException(error);
        }
    }

    /** Runs a command; returns {@code null} when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(Arrays.asList(command))).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!done) {
            p.destroyForcibly();
            return "timed out: " + String.join(" ", command);
        }
        return p.exitValue() == 0 ? null : output + " (exit " + p.exitValue() + ")";
    }
}
