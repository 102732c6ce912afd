package io.timberlog.cli;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.ThrowableInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs every command once on a small store it writes, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} records the classes a real run loads: the build makes the class data
 * sharing archive that lets {@code timberlog} start fast this way. {@code CdsTraining SCRATCH_DIR}.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        deleteRecursively(dir);
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).problemListener((m, c) -> { }).build())) {
            CapturedEvent e = new CapturedEvent();
            for (int i = 0; i < 100; i++) {
                e.reset().timestamp(System.currentTimeMillis() * 1_000_000L).level(i % 10 == 0 ? Level.ERROR : Level.INFO)
                        .logger("com.example.OrderService").thread("main")
                        .message("order {} for {} took {} ms", MessageStyle.SLF4J)
                        .addArgument(i).addArgument("customer-" + i).addArgument(i * 1.5)
                        .putMdc("requestId", "r-" + i).addKeyValue("k", "v");
                if (i % 10 == 0) {
                    e.throwable(ThrowableInfo.from(new IllegalStateException("training")));
                }
                store.append(e);
            }
        }
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        Console console = new Console(OutputStream.nullOutputStream(), nowhere, false, false, Map.of(), Clock.systemUTC(),
                ZoneId.systemDefault());
        String d = dir.toString();
        for (List<String> command : List.of(List.of(d), List.of(d, "-n", "5"), List.of("query", d, "--format", "json"),
                List.of(d, "--format", "logfmt", "--level", "WARN"), List.of(d, "--format", "raw", "--text", "order"),
                List.of(d, "--pattern", "%d{HH:mm:ss.SSS} %-5level %logger{20} %X{requestId} %kvp %msg%n", "--color=always"),
                List.of(d, "--since", "1h", "--grep", "took \\d+", "--arg", "2>10", "-r"),
                List.of("runs", d), List.of("stats", d), List.of("verify", d), List.of("--help"),
                List.of("query", "--help"), List.of(d, "--no-such-flag"), List.of(d + "/missing"))) {
            Timberlog.execute(console, command.toArray(new String[0]));
        }
        deleteRecursively(dir);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
