package io.timberlog.log4j2;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.ManagedStore;
import io.timberlog.core.StoreOptions;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The store of one directory, shared by the TimberLog appenders that name it. log4j2 starts a new
 * configuration before it stops the old one; sharing the store through log4j2's reference-counted
 * managers lets the new appender take over the open store instead of meeting it locked (and falling
 * back to a per-process store). The options of the first appender hold until the last one stops.
 *
 * <p>Thread-safe.
 */
final class TimberLogManager extends AbstractManager {
    private static final ManagerFactory<TimberLogManager, StoreOptions> FACTORY =
            (name, options) -> new TimberLogManager(name, ManagedStore.open(options, name));

    private final ManagedStore store;

    private TimberLogManager(String name, ManagedStore store) {
        super(null, name);
        this.store = store;
    }

    /** The manager of {@code options.directory()}, created (and the store opened) by the first who asks. */
    static TimberLogManager of(StoreOptions options) {
        String name = "TimberLog:" + options.directory().toAbsolutePath().normalize();
        return getManager(name, FACTORY, options);
    }

    boolean append(CapturedEvent event) {
        return store.append(event);
    }

    ManagedStore store() {
        return store;
    }

    @Override
    protected boolean releaseSub(long timeout, TimeUnit timeUnit) {
        try {
            store.close(timeout > 0 ? Duration.ofNanos(timeUnit.toNanos(timeout)) : Duration.ofSeconds(5));
            return true;
        } catch (IOException | RuntimeException e) {
            logError("closing store " + store.options().directory() + " failed", e);
            return false;
        }
    }
}
