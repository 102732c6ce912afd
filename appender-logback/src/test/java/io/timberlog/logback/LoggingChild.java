package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * The application of the subprocess tests: logs "event {thread} {index}" from two threads through logback
 * as configured by {@code -Dlogback.configurationFile}. Modes:
 * <ul>
 *   <li>{@code count N}: logs N events per thread, prints logback's status messages, stops logback;</li>
 *   <li>{@code exit N}: logs N events per thread and returns from main without stopping logback;</li>
 *   <li>{@code forever FILE}: logs until killed; after each call returns, records in the memory-mapped
 *       FILE (one long per thread) how many of its calls have returned.</li>
 * </ul>
 */
public final class LoggingChild {
    static final int THREADS = 2;

    private LoggingChild() {
    }

    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger("child");
        String mode = args[0];
        if (mode.equals("forever")) {
            MappedByteBuffer progress;
            try (FileChannel channel = FileChannel.open(Paths.get(args[1]), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                progress = channel.map(FileChannel.MapMode.READ_WRITE, 0, 8L * THREADS);
            }
            runThreads(t -> {
                for (long i = 0; ; i++) {
                    log.info("event {} {}", t, i);
                    progress.putLong(8 * t, i + 1);
                }
            });
            return;
        }
        long n = Long.parseLong(args[1]);
        runThreads(t -> {
            for (long i = 0; i < n; i++) {
                log.info("event {} {}", t, i);
            }
        });
        if (mode.equals("count")) {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            for (Status status : context.getStatusManager().getCopyOfStatusList()) {
                if (status.getLevel() >= Status.WARN) {
                    System.out.println("STATUS " + status.getMessage());
                }
            }
            context.stop();
        }
    }

    private interface Body {
        void run(int thread);
    }

    private static void runThreads(Body body) throws InterruptedException {
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int index = t;
            threads[t] = new Thread(() -> body.run(index), "logger-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
