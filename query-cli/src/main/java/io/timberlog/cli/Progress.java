package io.timberlog.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for a scan that takes longer than a second, only when stderr is a
 * terminal: {@code reading 45% (120 of 270 MB)}, redrawn in place and wiped when the scan ends or a
 * result is about to be printed to the same terminal. Runs on a daemon thread.
 */
final class Progress implements AutoCloseable {
    /** A scan shorter than this shows no progress at all. */
    static final long DELAY_MILLIS = 1000;
    private static final long INTERVAL_MILLIS = 250;

    private final PrintStream err;
    private final LongSupplier done;
    private final LongSupplier total;
    private final long delayMillis;
    private final Thread thread;
    private volatile boolean stopped;
    /** The length of the line shown, 0 when none is. */
    private int shown;

    private Progress(PrintStream err, LongSupplier done, LongSupplier total, long delayMillis) {
        this.err = err;
        this.delayMillis = delayMillis;
        this.done = done;
        this.total = total;
        this.thread = new Thread(this::run, "timberlog-progress");
        thread.setDaemon(true);
    }

    /** Starts a progress display, or one that shows nothing when stderr is not a terminal. */
    static Progress start(Console console, LongSupplier done, LongSupplier total) {
        return start(console, done, total, DELAY_MILLIS);
    }

    static Progress start(Console console, LongSupplier done, LongSupplier total, long delayMillis) {
        Progress p = new Progress(console.err(), done, total, delayMillis);
        if (console.stderrTerminal()) {
            p.thread.start();
        }
        return p;
    }

    private void run() {
        try {
            Thread.sleep(delayMillis);
            while (!stopped) {
                draw();
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw() {
        if (stopped) {
            return;
        }
        long t = Math.max(1, total.getAsLong());
        long d = Math.min(done.getAsLong(), t);
        String line = String.format(Locale.ROOT, "reading %d%% (%.1f of %.1f MB)", d * 100 / t, d / 1e6, t / 1e6);
        // overwritten with spaces rather than erased with an escape, which a dumb terminal would print
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
    }

    /** Wipes the line, so that output to the same terminal starts on a clean line. */
    synchronized void clear() {
        if (shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }

    /** Stops the display and wipes its line; the scan is over. */
    void stop() {
        stopped = true;
        thread.interrupt();
        clear();
    }

    @Override
    public void close() {
        stop();
    }
}
