package io.timberlog.core;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * The child process of the crash tests: appends events from several threads, forever, and after each
 * append that returned true records how many events that thread has had acknowledged, in a
 * memory-mapped file, so that the record survives the SIGKILL the test sends.
 *
 * <p>Arguments: store directory, progress file, thread count, maxWalSize in bytes.
 */
public final class CrashingWriter {
    /** Bytes per thread in the progress file (a long on its own cache line). */
    static final int SLOT = 64;
    /** Logger of the events the store writes itself (reports of dropped events). */
    static final String STORE_LOGGER = "io.timberlog.store";

    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Paths.get(args[0]);
        Path progressFile = Paths.get(args[1]);
        int threads = Integer.parseInt(args[2]);
        long maxWalSize = Long.parseLong(args[3]);
        LogStore logStore = LogStore.open(StoreOptions.builder(store).maxWalSize(maxWalSize)
                .maxEventSize(StoreOptions.MIN_EVENT_SIZE).build());
        MappedByteBuffer progress;
        try (FileChannel ch = FileChannel.open(progressFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            progress = ch.map(FileChannel.MapMode.READ_WRITE, 0, (long) SLOT * threads);
        }
        long runTag = logStore.run().nonce();
        for (int t = 0; t < threads; t++) {
            int slot = t;
            Thread thread = new Thread(() -> {
                CapturedEvent e = new CapturedEvent();
                long acknowledged = progress.getLong(slot * SLOT); // continue after an earlier run
                for (long i = acknowledged; ; i++) {
                    fill(e, slot, i, runTag);
                    if (logStore.append(e)) {
                        progress.putLong(slot * SLOT, i + 1);
                    } else {
                        i--; // dropped (not acknowledged): try the same number again
                    }
                }
            }, "writer-" + t);
            thread.start();
        }
        System.out.println("READY");
        System.out.flush();
    }

    /** The event number {@code i} of thread {@code t}; {@link #check} knows what it must look like. */
    static CapturedEvent fill(CapturedEvent e, int t, long i, long runTag) {
        e.reset().timestamp(System.currentTimeMillis() * 1_000_000L).level(i % 50 == 0 ? Level.WARN : Level.INFO)
                .logger("crash.thread" + t).thread("writer-" + t)
                .message("thread {} event {} payload {}", MessageStyle.SLF4J)
                .addArgument(t).addArgument(i).addArgument("p" + (i * 31 % 1000))
                .putMdc("run", Long.toHexString(runTag));
        if (i % 97 == 0) {
            e.throwable(ThrowableInfo.of("java.lang.IllegalStateException", "failure " + i,
                    java.util.List.of("crash.Worker.run(Worker.java:" + i % 500 + ")"), 0, null, java.util.List.of()));
        }
        return e;
    }

    /** Checks that an event read back is exactly event {@code i} of thread {@code t}; returns a problem or null. */
    static String check(LogEvent e, int t, long i) {
        String expected = "thread " + t + " event " + i + " payload p" + (i * 31 % 1000);
        if (!expected.equals(e.message())) {
            return "message '" + e.message() + "' instead of '" + expected + "'";
        }
        if (!("crash.thread" + t).equals(e.logger()) || !("writer-" + t).equals(e.thread())) {
            return "logger/thread " + e.logger() + "/" + e.thread();
        }
        if ((i % 97 == 0) != (e.throwable() != null)) {
            return "throwable presence";
        }
        if (e.throwable() != null && !("failure " + i).equals(e.throwable().message())) {
            return "throwable message " + e.throwable().message();
        }
        return e.mdc().containsKey("run") ? null : "MDC missing";
    }
}
