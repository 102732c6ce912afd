package io.timberlog.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starts a real JVM with this test's class path, running a main class of the tests. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param systemProperties {@code name=value} pairs passed as {@code -D} options
     * @param output           where the child's standard output and error go
     */
    public static Process start(Class<?> main, List<String> systemProperties, Path output, String... args) throws IOException {
        return start(List.of(), main, systemProperties, output, args);
    }

    /** As {@link #start(Class, List, Path, String...)}, with the java command run by {@code wrapper} (e.g. fiu-run). */
    public static Process start(List<String> wrapper, Class<?> main, List<String> systemProperties, Path output,
                                String... args) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        for (String property : systemProperties) {
            command.add("-D" + property);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildMain.class.getName()); // halts the child when this JVM is gone
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        File log = output.toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
