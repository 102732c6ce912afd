package io.timberlog.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built launcher script (failsafe gives its path), run as a user runs it: a real process. */
final class Launcher {
    static final Path PATH = Paths.get(System.getProperty("timberlog.launcher", "target/timberlog"));

    record Run(int code, String out, String err) {
    }

    private Launcher() {
    }

    /** A copy of the built launcher, jar and build archive in {@code into}: an install elsewhere. */
    static Path install(Path into) throws IOException {
        Files.createDirectories(into);
        for (String f : new String[] {"timberlog", "timberlog.jar", "timberlog.jsa", "timberlog.jsa.jdk"}) {
            Files.copy(PATH.resolveSibling(f), into.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return into.resolve("timberlog");
    }

    /** Runs {@code timberlog ARGS} with nothing on its standard input, for a minute at most. */
    static Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    /** As {@link #run(String...)}, with {@code env} added to the environment. */
    static Run run(Map<String, String> env, String... args) throws Exception {
        return runAt(PATH, env, args);
    }

    /** As {@link #run(Map, String...)}, with the launcher at {@code launcher} (a copy of the built one). */
    static Run runAt(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, err);
    }
}
