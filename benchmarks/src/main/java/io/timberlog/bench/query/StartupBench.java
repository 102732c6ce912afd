package io.timberlog.bench.query;

import io.timberlog.bench.BenchOptions;
import io.timberlog.bench.ChildJvm;
import io.timberlog.bench.Family;
import io.timberlog.bench.RunDirectories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * The start-up part: the time the agent adds to a hello-world JVM, whole processes with and without
 * {@code -javaagent}, alternating. Needs the agent jar ({@code bench.agentJar}).
 */
public final class StartupBench {
    private static final int RUNS = 21;

    private final BenchOptions options;
    private final RunDirectories directories;

    public StartupBench(BenchOptions options, RunDirectories directories) {
        this.options = options;
        this.directories = directories;
    }

    public List<String> run() throws IOException, InterruptedException {
        if (!Files.isRegularFile(options.agentJar())) {
            System.out.println("  startup: skipped, needs the agent: " + options.agentJar() + " not found (build it "
                    + "with mvn -B -pl agent -am package, or give it with -Dbench.agentJar=PATH)");
            return List.of();
        }
        Path dir = directories.fresh("startup");
        try {
            String java = ProcessTimer.quote(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            String rest = " -cp " + ProcessTimer.quote(ChildJvm.classpath(Family.LOGBACK)) + " " + HelloWorld.class.getName();
            String agent = " " + ProcessTimer.quote("-javaagent:" + options.agentJar() + "=dir=" + dir.resolve("store"));
            double[] ms = ProcessTimer.medianMillis(RUNS, java + rest, java + agent + rest);
            return List.of("| hello-world JVM | median of " + RUNS + " |", "| --- | ---: |",
                    String.format(Locale.ROOT, "| without the agent | %.0f ms |", ms[0]),
                    String.format(Locale.ROOT, "| with the agent | %.0f ms |", ms[1]),
                    String.format(Locale.ROOT, "| the agent adds (target at most 150 ms) | %.0f ms |", ms[1] - ms[0]));
        } finally {
            RunDirectories.delete(dir);
        }
    }
}
