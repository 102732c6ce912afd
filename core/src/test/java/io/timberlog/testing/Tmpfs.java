package io.timberlog.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Writes a file until the file system is full. */
    public Path fill() throws IOException {
        Path filler = mountPoint.resolve("filler");
        byte[] chunk = new byte[64 << 10];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            return filler;
        }
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
