package io.timberlog.bench;

import io.timberlog.bench.child.KillChild;
import io.timberlog.bench.child.LossCheck;
import io.timberlog.testing.LoggingChild;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kill -9 part: each contender that writes something logs from two threads until it is killed
 * with SIGKILL ({@link Process#destroyForcibly()} on Linux), {@code killSeconds} after both threads'
 * first calls returned; then a JVM of its family reads what it wrote and counts the acknowledged
 * events that are missing ({@link LossCheck}).
 */
final class KillBench {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final BenchOptions options;
    private final RunDirectories directories;

    KillBench(BenchOptions options, RunDirectories directories) {
        this.options = options;
        this.directories = directories;
    }

    List<KillResult> run() throws IOException, InterruptedException {
        List<KillResult> results = new ArrayList<>();
        List<Contender> contenders = new ArrayList<>();
        for (Contender c : options.availableContenders()) {
            if (!c.isReference()) {
                contenders.add(c);
            }
        }
        for (int round = 0; round < options.rounds(); round++) {
            for (Contender contender : IngestBench.rotated(contenders, round)) {
                KillResult r = runOnce(contender, "kill-" + contender.id() + "-r" + (round + 1));
                results.add(r);
                System.out.printf("  kill -9 round %d  %-22s acknowledged %,d  lost %,d%n", round + 1, contender.id(),
                        r.acknowledged(), r.lost());
            }
        }
        return results;
    }

    KillResult runOnce(Contender contender, String name) throws IOException, InterruptedException {
        Path dir = directories.fresh(name);
        try {
            Path progress = dir.resolve("progress.bin");
            Process child = new ChildJvm(contender.family(), options.heap()).options(contender.jvmOptions(dir, options))
                    .start(options.out().resolve(name + ".log"), KillChild.class, contender.id(), progress.toString());
            try {
                awaitFirstCalls(child, progress, options.out().resolve(name + ".log"));
                Thread.sleep((long) (options.killSeconds() * 1000));
            } finally {
                child.destroyForcibly().waitFor();
            }
            Path result = dir.resolve("loss.properties");
            new ChildJvm(contender.family(), options.heap()).options(contender.family().jvmOptions())
                    .run(options.out().resolve(name + "-check.log"), LossCheck.class, contender.id(), dir.toString(),
                            progress.toString(), result.toString());
            return KillResult.read(result);
        } finally {
            RunDirectories.delete(dir);
        }
    }

    /** Waits until every thread of the child has had a call return. */
    private static void awaitFirstCalls(Process child, Path progress, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (true) {
            if (!child.isAlive()) {
                throw new IOException("the kill -9 child ended before it was killed:\n" + ChildJvm.tail(log));
            }
            if (Files.exists(progress) && Files.size(progress) >= 8L * LoggingChild.THREADS && allStarted(progress)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the kill -9 child logged nothing within a minute:\n" + ChildJvm.tail(log));
            }
            Thread.sleep(10);
        }
    }

    private static boolean allStarted(Path progress) throws IOException {
        ByteBuffer counts = ByteBuffer.wrap(Files.readAllBytes(progress));
        for (int t = 0; t < LoggingChild.THREADS; t++) {
            if (counts.getLong(8 * t) == 0) {
                return false;
            }
        }
        return true;
    }
}
