package io.timberlog.bench;

import io.timberlog.testing.ChildMain;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the JVMs of the benchmark: each on its family's class path (this module's classes plus the
 * jars the build listed in {@code target/classpath/<family>.txt}), through core's {@link ChildMain},
 * which halts the child when the runner is gone.
 */
public final class ChildJvm {
    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    /** Longer than any run of the defaults; a child that takes longer is stuck. */
    private static final long TIMEOUT_MINUTES = 15;

    private final Family family;
    private final List<String> jvmOptions = new ArrayList<>();

    public ChildJvm(Family family, String heap) {
        this.family = family;
        jvmOptions.add("-Xms" + heap);
        jvmOptions.add("-Xmx" + heap);
        jvmOptions.add("-D" + ChildMain.LIFETIME_PROPERTY + "=" + TimeUnit.MINUTES.toSeconds(TIMEOUT_MINUTES));
    }

    public ChildJvm options(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    /** The command line that runs {@code main} with {@code args}. */
    public List<String> command(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath(family));
        command.add(ChildMain.class.getName());
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code main}; its standard output and error go to {@code log}. */
    public Process start(Path log, Class<?> main, String... args) throws IOException {
        return new ProcessBuilder(command(main, args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs {@code main} to its end; fails with the end of its output when it fails. */
    public void run(Path log, Class<?> main, String... args) throws IOException, InterruptedException {
        Process process = start(log, main, args);
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IOException(main.getSimpleName() + " " + String.join(" ", args) + " did not end within "
                    + TIMEOUT_MINUTES + " minutes; its output: " + log);
        }
        if (process.exitValue() != 0) {
            throw new IOException(main.getSimpleName() + " " + String.join(" ", args) + " failed with exit code "
                    + process.exitValue() + ":\n" + tail(log));
        }
    }

    public static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** This module's classes, then the family's jars. */
    public static String classpath(Family family) throws IOException {
        Path classes = moduleClasses();
        Path list = classes.getParent().resolve("classpath").resolve(family.classpathName() + ".txt");
        if (!Files.isRegularFile(list)) {
            throw new IOException(list + " is missing: build the module first (benchmarks/run.sh does)");
        }
        return classes + java.io.File.pathSeparator + Files.readString(list).trim();
    }

    private static Path moduleClasses() {
        try {
            return Paths.get(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
