package io.timberlog.examples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The quick start's main job: starts the logback example service (a shop that logs through SLF4J into
 * TimberLog), kills it with SIGKILL while it works, and shows with the {@code timberlog} CLI what it
 * logged last. No shutdown hook ran, nothing was flushed, and the store is read as the crash left it,
 * with no repair step.
 *
 * <p>Arguments: the store directory (deleted first) and the CLI's jar. The service runs on this
 * program's own class path, which holds the example service, logback and the TimberLog appender.
 */
public final class CrashDemo {
    private static final long RUN_MILLIS = 3_000;

    private CrashDemo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CrashDemo STORE_DIR TIMBERLOG_JAR");
            System.exit(2);
        }
        Path store = Paths.get(args[0]).toAbsolutePath();
        Path cliJar = Paths.get(args[1]).toAbsolutePath();
        if (!Files.isRegularFile(cliJar)) {
            System.err.println("CrashDemo: " + cliJar + " is missing; build it with: mvn -B -DskipTests verify");
            System.exit(2);
        }
        deleteRecursively(store);
        Files.createDirectories(store.getParent()); // for the console file beside the store, on a fresh clone too

        Path console = store.resolveSibling(store.getFileName() + "-console.log");
        Process service = startService(store, console);
        // Should this program be stopped first (Ctrl-C), the service must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(service::destroyForcibly));
        announce("The shop service (pid " + service.pid() + ") takes orders for " + RUN_MILLIS / 1000 + " s. "
                + "Its console (INFO and above) goes to " + console + "; TimberLog captures every event, DEBUG "
                + "too, into " + store);
        Thread.sleep(RUN_MILLIS);
        service.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no flush, nothing
        service.waitFor();
        announce("kill -9 " + service.pid() + ": the service died mid-work (exit " + service.exitValue() + ")");

        announce("What it logged last, read from the store as the crash left it, with no repair step:");
        runCli(cliJar, "query", store.toString(), "-n", "12");
        announce("Its last errors, with their stack traces:");
        runCli(cliJar, "query", store.toString(), "--level", "ERROR", "-n", "1");
        announce("The runs in the store (this one crashed: it ended without a clean close):");
        runCli(cliJar, "runs", store.toString());
        System.out.println();
        System.out.println("Try more: query-cli/target/timberlog --help, e.g. query-cli/target/timberlog stats " + store);
    }

    private static Process startService(Path store, Path console) throws IOException {
        return new ProcessBuilder(javaExecutable(), "-Dtimberlog.dir=" + store,
                "-cp", System.getProperty("java.class.path"), "io.timberlog.examples.logback.ShopService")
                .redirectErrorStream(true).redirectOutput(console.toFile()).start();
    }

    /** Runs {@code timberlog ARGS} as the launcher script would, on this program's Java. */
    private static void runCli(Path cliJar, String... args) throws IOException, InterruptedException {
        System.out.println("$ timberlog " + String.join(" ", args));
        System.out.flush();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", cliJar.toString()));
        command.addAll(List.of(args));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit == 1) {
            System.out.println("(nothing matched)"); // like grep: exit 1 when nothing matched
        } else if (exit != 0) {
            System.err.println("CrashDemo: timberlog " + args[0] + " exited with " + exit);
            System.exit(exit);
        }
    }

    private static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void announce(String text) {
        System.out.println();
        System.out.println("== " + text);
        System.out.flush();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
