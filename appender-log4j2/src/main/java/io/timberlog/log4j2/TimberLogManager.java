package io.timberlog.log4j2;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.ManagedStore;
import io.timberlog.core.StoreOptions;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;
import org.apache.logging.log4j.status.StatusLogger;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The store of one appender, shared by the appenders of that name and directory in successive
 * configurations: log4j2 starts a new configuration before it stops the old one, and sharing the store
 * through log4j2's reference-counted managers lets the new appender take over the open store instead of
 * meeting it locked (and falling back to a per-process store). A configuration that changes the options
 * reopens the store with them; appends that meet it closed meanwhile wait for it. Two appenders of other
 * names on one directory have a manager each: the second meets the store locked and writes to a
 * per-process fallback store, with a warning, as the logback appender does.
 *
 * <p>Thread-safe.
 */
final class TimberLogManager extends AbstractManager {
    private static final ManagerFactory<TimberLogManager, Configured> FACTORY =
            (name, configured) -> new TimberLogManager(name, configured);
    /** How long a reopen may take to close the store: as long as a stop of the appender. */
    private static final Duration REOPEN_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How long an append waits for a reopened store: the reopen's close and open, with room to spare. */
    private static final long REOPEN_WAIT_NANOS = REOPEN_CLOSE_TIMEOUT.plusSeconds(5).toNanos();
    private static final long REOPEN_POLL_NANOS = 100_000;

    private volatile ManagedStore store;
    private volatile boolean reopening;
    private volatile boolean released;
    /** The option values, as given, that the store was opened with; guarded by this. */
    private Map<String, String> values;

    private TimberLogManager(String name, Configured configured) {
        super(null, name);
        this.store = ManagedStore.open(configured.options, name);
        this.values = configured.values;
    }

    /**
     * The manager of the appender {@code appender} on {@code options.directory()}, created (and the store
     * opened) by the first who asks, and the store reopened when {@code values} differ from those it was
     * opened with.
     *
     * @param values the option values as given, by name, to tell a changed configuration
     */
    static TimberLogManager of(String appender, StoreOptions options, Map<String, String> values) {
        String name = "TimberLog[" + appender + "]:" + options.directory().toAbsolutePath().normalize();
        TimberLogManager manager = getManager(name, FACTORY, new Configured(options, values));
        manager.configure(appender, options, values);
        return manager;
    }

    /**
     * Reopens the store when the options changed: the run ends cleanly and a new one starts with the new
     * options (the last WAL file is converted by the new run, so that the pause is short).
     */
    private synchronized void configure(String appender, StoreOptions options, Map<String, String> values) {
        if (this.values.equals(values) || released) {
            return;
        }
        StatusLogger.getLogger().info("TimberLog[{}]: reopening store {} with the options now configured, {} "
                + "(were {})", appender, options.directory(), values, this.values);
        ManagedStore old = store;
        reopening = true;
        try {
            old.close(REOPEN_CLOSE_TIMEOUT, Duration.ZERO);
        } catch (IOException | RuntimeException e) {
            logError("closing store " + options.directory() + " to reopen it failed", e);
        } finally {
            store = ManagedStore.open(options, getName());
            this.values = values;
            reopening = false;
        }
    }

    boolean append(CapturedEvent event) {
        ManagedStore s = store;
        if (s.append(event)) {
            return true;
        }
        return s.isClosed() && !released && appendToReopened(s, event);
    }

    /**
     * An append that met the store closed: when a reopen closed it, waits for the new one (within a
     * bound) and appends there. A store closed otherwise (the JVM's exit) drops the event, counted.
     * The caller's interrupt (a task being cancelled) is taken while it waits and set again after: a park
     * returns at once on an interrupted thread, and the wait would spin a processor until the reopen ends.
     */
    private boolean appendToReopened(ManagedStore closed, CapturedEvent event) {
        long deadline = System.nanoTime() + REOPEN_WAIT_NANOS;
        boolean interrupted = false;
        // a reopen publishes the new store before it clears the flag
        while (store == closed && reopening && System.nanoTime() - deadline < 0) {
            interrupted |= Thread.interrupted();
            LockSupport.parkNanos(this, REOPEN_POLL_NANOS);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        ManagedStore s = store;
        return s != closed && s.append(event);
    }

    ManagedStore store() {
        return store;
    }

    @Override
    protected boolean releaseSub(long timeout, TimeUnit timeUnit) {
        released = true;
        synchronized (this) { // after a reopen under way
            try {
                store.close(timeout > 0 ? Duration.ofNanos(timeUnit.toNanos(timeout)) : Duration.ofSeconds(5));
                return true;
            } catch (IOException | RuntimeException e) {
                logError("closing store " + store.options().directory() + " failed", e);
                return false;
            }
        }
    }

    /** What the factory opens a store with. */
    private static final class Configured {
        final StoreOptions options;
        final Map<String, String> values;

        Configured(StoreOptions options, Map<String, String> values) {
            this.options = options;
            this.values = values;
        }
    }
}
