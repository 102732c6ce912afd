package io.timberlog.bench.query;

import io.timberlog.bench.BenchOptions;
import io.timberlog.bench.ChildJvm;
import io.timberlog.bench.Family;
import io.timberlog.bench.RunDirectories;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The recovery part: the time of {@code timberlog query -n 20} on a store whose writer was killed with
 * a full 64 MiB WAL file ({@link FullWalWriter}). Needs the CLI.
 */
public final class RecoveryBench {
    private static final int RUNS = 10;

    private final BenchOptions options;
    private final RunDirectories directories;

    public RecoveryBench(BenchOptions options, RunDirectories directories) {
        this.options = options;
        this.directories = directories;
    }

    public List<String> run() throws IOException, InterruptedException {
        if (!QueryBench.cliAvailable(options, "recovery")) {
            return List.of();
        }
        Path dir = directories.fresh("recovery");
        try {
            Path store = dir.resolve("store");
            Path log = options.out().resolve("recovery-writer.log");
            Process writer = new ChildJvm(Family.LOGBACK, options.heap()).start(log, FullWalWriter.class, store.toString());
            try {
                awaitFull(writer, log);
            } finally {
                writer.destroyForcibly().waitFor();
            }
            String command = ProcessTimer.quote(options.cli().toString()) + " query " + ProcessTimer.quote(store.toString())
                    + " -n 20";
            double ms = ProcessTimer.medianMillis(RUNS, command)[0];
            return List.of("| command | median of " + RUNS + " |", "| --- | ---: |",
                    String.format(Locale.ROOT, "| `timberlog query STORE -n 20`, writer killed with a full 64 MiB WAL | "
                            + "%.0f ms |", ms));
        } finally {
            RunDirectories.delete(dir);
        }
    }

    private static void awaitFull(Process writer, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(FullWalWriter.FULL)) {
            if (!writer.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("the recovery writer did not fill its WAL:\n" + ChildJvm.tail(log));
            }
            Thread.sleep(50);
        }
    }
}
