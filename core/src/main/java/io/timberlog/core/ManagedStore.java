package io.timberlog.core;

import io.timberlog.core.internal.io.StoreThreads;
import io.timberlog.core.internal.io.StrayInterrupts;
import io.timberlog.core.internal.wal.ProblemReporter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A store as a logging front-end (an appender, the agent) holds it: the application's start never
 * fails because of it, and nothing is needed from the application to close it.
 * <ul>
 *   <li>It is opened with {@link LogStore#openWithFallback}, so a second application pointed at the
 *       same directory writes to a per-process store beside the first one.</li>
 *   <li>When the directory cannot be opened (not writable, disk full), the problem is reported, events
 *       are dropped and counted, and a daemon thread tries again every {@link #RETRY_INTERVAL} until it
 *       works or the store is closed. An {@link Error} while opening is reported too, not thrown, and ends
 *       the tries.</li>
 *   <li>A JVM shutdown hook closes the store when the application exits without closing it, once the
 *       application's own shutdown hooks are done logging; closing removes the hook.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #append} never throws and takes no lock.
 */
public final class ManagedStore implements AutoCloseable {
    /** How often a directory that could not be opened is tried again. */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    /** At JVM exit, how long no event must come before the shutdown hook closes the store. */
    static final Duration EXIT_QUIET = Duration.ofMillis(100);
    /** At JVM exit, how long the shutdown hook waits at most for the application's last events. */
    static final Duration EXIT_LAST_WORDS = Duration.ofSeconds(2);
    private static final Duration EXIT_POLL = Duration.ofMillis(10);
    /** The name of the shutdown hook's thread. */
    static final String SHUTDOWN_HOOK_NAME = "timberlog-shutdown";

    private final StoreOptions options;
    private final String owner;
    private final AtomicLong droppedWhileUnavailable = new AtomicLong();
    private final AtomicLong failedCaptures = new AtomicLong();
    private final ProblemReporter captureProblems;
    private final Thread shutdownHook;
    private final ExitActivity exit;
    private final Object lifecycle = new Object();

    private volatile LogStore store;
    private volatile boolean closed;
    /** Guarded by lifecycle. */
    private Thread opener;

    private ManagedStore(StoreOptions options, String owner) {
        this.options = options;
        this.owner = owner;
        this.captureProblems = new ProblemReporter(options.problemListener());
        // A daemon like the store's other threads: the JVM waits for a shutdown hook all the same.
        this.shutdownHook = StoreThreads.create(this::closeQuietly, SHUTDOWN_HOOK_NAME);
        this.exit = new ExitActivity(shutdownHook);
    }

    /**
     * Opens the store, or starts trying to in the background when it cannot be opened now. Never throws
     * for a problem with the directory: that is reported to the options' {@link ProblemListener}.
     *
     * @param owner who holds the store, for messages and thread names (e.g. the appender's name)
     */
    public static ManagedStore open(StoreOptions options, String owner) {
        ManagedStore managed = new ManagedStore(options, owner);
        if (!managed.tryOpen(true)) {
            managed.startOpener();
        }
        try {
            Runtime.getRuntime().addShutdownHook(managed.shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: whoever opened us closes us, or the run ends as a crash.
        }
        return managed;
    }

    /** Appends to the store; false when it dropped the event or no store is open (counted as dropped). */
    public boolean append(CapturedEvent event) {
        if (exit.isUnderWay()) {
            exit.logging();
        }
        LogStore s = store;
        if (s != null) {
            return s.append(event);
        }
        droppedWhileUnavailable.incrementAndGet();
        return false;
    }

    /**
     * Counts as dropped, and reports (at most once a minute), an event that the front-end could not turn
     * into a {@link CapturedEvent} because that threw: the frameworks pass an {@link Error} from an
     * appender on to the application, which TimberLog must never hurt. Never throws.
     */
    public void captureFailed(Throwable cause) {
        failedCaptures.incrementAndGet();
        try {
            captureProblems.report("capture", owner + ": an event could not be captured and was dropped", cause);
        } catch (Throwable reportFailed) {
            // Reporting needs stack too, which a stack overflow may not have left: the drop is counted.
        }
    }

    /**
     * Counts as dropped an event that the front-end did not capture because it was logged on a thread
     * already capturing {@link Nesting#MAX_NESTED} + 1 events nested in one another ({@link Nesting#enter()}
     * had none left). While the store is open the drop is also recorded in it and reported (at most once a
     * minute), as the store's own drops are. Never throws.
     */
    public void dropNested() {
        LogStore s = store;
        if (s != null) {
            s.dropNested();
        } else {
            droppedWhileUnavailable.incrementAndGet();
        }
    }

    /** The open store, or {@code null} while the directory could not be opened yet or after close. */
    public LogStore store() {
        return store;
    }

    public StoreOptions options() {
        return options;
    }

    /** Events dropped so far: by the store (overload, disk full), while no store was open, and failed captures. */
    public long droppedEvents() {
        LogStore s = store;
        return droppedWhileUnavailable.get() + failedCaptures.get() + (s == null ? 0 : s.stats().droppedEvents());
    }

    public boolean isClosed() {
        return closed;
    }

    /** Tries to open the store; true when there is nothing more to try: it is open (now or already), or an Error ended the tries. */
    private boolean tryOpen(boolean first) {
        try {
            LogStore opened = LogStore.openWithFallback(options);
            synchronized (lifecycle) {
                if (closed) {
                    opened.close();
                    return true;
                }
                if (!first) {
                    // Said before the store is published: whoever sees it open has been told.
                    report(owner + ": store " + opened.directory() + " is open now; " + droppedWhileUnavailable.get()
                            + " events were dropped while it could not be opened", null);
                }
                store = opened;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (first) {
                report(owner + ": cannot open store " + options.directory() + "; events are dropped and counted, "
                        + "and opening is tried again every " + RETRY_INTERVAL.getSeconds() + "s", e);
            }
            return false;
        } catch (Error e) {
            // Reported, not thrown: on the application's thread it would fail the application's start (logback
            // hands an appender's Error on to whoever configures it), on the opener's it would end that thread
            // through the application's uncaught exception handler. Every Error, VirtualMachineError included:
            // an OutOfMemoryError here (direct memory for the store, a thread that cannot be made) or a
            // StackOverflowError (a deep stack) is the store's own trouble, and a JVM truly out of memory fails
            // the application's own next allocation anyway. Not tried again: the opening it broke off may
            // have left threads or files half set up, which tries every second would pile up.
            report(owner + ": cannot open store " + options.directory() + ", and opening is not tried again after an "
                    + "Error; events are dropped and counted", e);
            return true;
        }
    }

    private void startOpener() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            opener = StoreThreads.create(this::openLater, "timberlog-store-opener");
            opener.start();
        }
    }

    private void openLater() {
        long retryNanos = RETRY_INTERVAL.toNanos();
        do {
            LockSupport.parkNanos(this, retryNanos);
            StrayInterrupts.clear(); // close() interrupts only to wake this thread; closed says whether to stop
        } while (!closed && !tryOpen(false));
    }

    private void report(String message, Throwable cause) {
        ProblemReporter.tell(options.problemListener(), message, cause); // never throws: nor does opening then
    }

    /** Closes with a timeout of 5 seconds; see {@link #close(Duration)}. */
    @Override
    public void close() throws IOException {
        close(Duration.ofSeconds(5));
    }

    /**
     * Stops the background opener, removes the shutdown hook and closes the store (marking the run as
     * ended cleanly). Appends after this return false. Calling it again does nothing.
     */
    public void close(Duration timeout) throws IOException {
        close(timeout, options.closeConversionTimeout());
    }

    /**
     * As {@link #close(Duration)}, converting the last WAL file for at most {@code conversionTimeout}
     * ({@link Duration#ZERO}: leave it for the next open, e.g. when the store is closed to be opened again
     * at once and a short pause matters more than a tidy store).
     */
    public void close(Duration timeout, Duration conversionTimeout) throws IOException {
        LogStore s;
        Thread o;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            s = store;
            store = null;
            o = opener;
        }
        if (o != null) {
            o.interrupt();
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook may be running already; closing twice is harmless.
            }
        }
        if (s != null) {
            s.close(timeout, conversionTimeout);
        }
    }

    /**
     * The shutdown hook: the JVM is exiting without the application having closed the store. The run is
     * sealed as ended cleanly, but converting the last WAL file is left to the next start: exiting fast
     * matters more here (containers give a process seconds to stop), and the events are as safe in the WAL.
     *
     * <p>The JVM runs every shutdown hook at once, and the application's own (a graceful stop) log what
     * they do: the store is closed only once they look done ({@link ExitActivity}: after the main method
     * returned, every other non-daemon thread has ended; else no thread that logged since the exit began
     * is alive, and no other runs) and no event has come for {@link #EXIT_QUIET} since, or after
     * {@link #EXIT_LAST_WORDS}, so that those last events are stored rather than dropped.
     */
    private void closeQuietly() {
        exit.begin();
        awaitQuiet();
        try {
            close(Duration.ofSeconds(5), Duration.ZERO);
        } catch (IOException | RuntimeException e) {
            report(owner + ": closing store " + options.directory() + " at JVM exit failed", e);
        }
    }

    private void awaitQuiet() {
        long start = System.nanoTime();
        long quietSince = start;
        long seen = activity();
        while (true) {
            LockSupport.parkNanos(this, EXIT_POLL.toNanos());
            long now = System.nanoTime();
            long a = activity();
            // No event for a while is no sign that the hooks are done: a hook may be waiting between two
            // steps, or be kept from a processor on a loaded machine, for longer than EXIT_QUIET.
            if (a != seen || exit.mayStillLog()) {
                seen = a;
                quietSince = now;
            } else if (now - quietSince >= EXIT_QUIET.toNanos()) {
                return;
            }
            if (now - start >= EXIT_LAST_WORDS.toNanos() || closed) {
                return;
            }
        }
    }

    /** A number that changes with every event appended or dropped. */
    private long activity() {
        LogStore s = store;
        if (s == null) {
            return droppedWhileUnavailable.get();
        }
        StoreStats stats = s.stats();
        return stats.nextSequence() + stats.droppedEvents() + droppedWhileUnavailable.get();
    }
}
