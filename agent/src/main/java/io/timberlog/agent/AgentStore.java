package io.timberlog.agent;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.ManagedStore;
import io.timberlog.core.StoreOptions;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent's store. It is opened on a daemon thread started with the agent, so that the application's
 * start does not wait for it; the first events wait for the opening to finish (it does not block: a
 * directory that cannot be opened is retried in the background by {@link ManagedStore}, and events
 * are dropped and counted meanwhile). Problems are printed as one line each on standard error.
 *
 * <p>Thread-safe; never throws.
 */
final class AgentStore implements EventSink {
    /** Longer than any local opening takes; events of a JVM whose disk hangs longer are dropped. */
    private static final long OPEN_WAIT_SECONDS = 10;

    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile ManagedStore store;
    private volatile boolean waitedInVain;

    AgentStore(StoreOptions options) {
        Thread opener = new Thread(() -> {
            try {
                store = ManagedStore.open(options, "capture");
            } catch (RuntimeException | Error e) {
                // Opening reports its own failures; this is what is left (a thread that cannot be made). Every
                // Error, as ManagedStore says why: thrown on, it would reach the application's uncaught
                // exception handler (some halt the JVM on an Error) as a stack trace, not one line.
                Problems.print("cannot open the store " + options.directory() + ", nothing is captured: " + e);
            } finally {
                opened.countDown();
            }
        }, "timberlog-agent-open");
        opener.setDaemon(true);
        opener.start();
    }

    @Override
    public boolean append(CapturedEvent event) {
        ManagedStore s = store;
        if (s == null) {
            s = awaitStore();
            if (s == null) {
                return false;
            }
        }
        return s.append(event);
    }

    @Override
    public void dropNested() {
        ManagedStore s = store;
        if (s == null) {
            s = awaitStore();
            if (s == null) {
                return;
            }
        }
        s.dropNested();
    }

    private ManagedStore awaitStore() {
        if (waitedInVain) {
            return null;
        }
        if (!awaitOpened()) {
            waitedInVain = true;
            Problems.once("open-timeout", "the store did not open within " + OPEN_WAIT_SECONDS
                    + "s; events are dropped until it does");
        }
        return store;
    }

    /**
     * Waits up to {@link #OPEN_WAIT_SECONDS} for the opening to finish; true when it did. An interrupted
     * thread (a task being cancelled) waits as any other: the await throws at once on it, and giving up
     * there dropped its events. The interrupt is the application's, set again once the wait is over.
     */
    private boolean awaitOpened() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(OPEN_WAIT_SECONDS);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return opened.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true; // and the flag cleared: the next await waits
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Closes the store once the opening is over. The agent leaves this to the store's shutdown hook at the
     * JVM's exit; for tests, which must not leave a store writing into a directory they delete.
     */
    void close() throws IOException {
        awaitOpened();
        ManagedStore s = store;
        if (s != null) {
            s.close();
        }
    }
}
