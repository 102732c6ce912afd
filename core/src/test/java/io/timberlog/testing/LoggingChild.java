package io.timberlog.testing;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * The application of the subprocess tests, whatever the framework: logs "event {thread} {index}" from
 * two threads. Modes (the first argument):
 * <ul>
 *   <li>{@code count N}: logs N events per thread, prints the framework's status messages, stops it;</li>
 *   <li>{@code exit N}: logs N events per thread and returns from main without stopping the framework;</li>
 *   <li>{@code forever FILE}: logs until killed; after each call returns, records in the memory-mapped
 *       FILE (one long per thread) how many of its calls have returned.</li>
 * </ul>
 */
public final class LoggingChild {
    public static final int THREADS = 2;

    /** The framework side of the child: its logging call, its status messages, its stop. */
    public interface Framework {
        void log(int thread, long index);

        /** Messages of the framework's status channel at warning level and above. */
        Iterable<String> warnings();

        void stop();
    }

    private LoggingChild() {
    }

    public static void run(String[] args, Framework framework) throws Exception {
        String mode = args[0];
        if (mode.equals("forever")) {
            MappedByteBuffer progress;
            try (FileChannel channel = FileChannel.open(Paths.get(args[1]), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                progress = channel.map(FileChannel.MapMode.READ_WRITE, 0, 8L * THREADS);
            }
            runThreads(t -> {
                for (long i = 0; ; i++) {
                    framework.log(t, i);
                    progress.putLong(8 * t, i + 1);
                }
            });
            return;
        }
        long n = Long.parseLong(args[1]);
        runThreads(t -> {
            for (long i = 0; i < n; i++) {
                framework.log(t, i);
            }
        });
        if (mode.equals("count")) {
            for (String warning : framework.warnings()) {
                System.out.println("STATUS " + warning);
            }
            framework.stop();
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
