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

/**
 * The store of one appender, shared by the appenders of that name and directory in successive
 * configurations: log4j2 starts a new configuration before it stops the old one, and sharing the store
 * through log4j2's reference-counted managers lets the new appender take over the open store instead of
 * meeting it locked (and falling back to a per-process store). The options it was opened with hold
 * until the last such appender stops; a configuration that changes them is told so. Two appenders of
 * other names on one directory have a manager each: the second meets the store locked and writes to a
 * per-process fallback store, with a warning, as the logback appender does.
 *
 * <p>Thread-safe.
 */
final class TimberLogManager extends AbstractManager {
    private static final ManagerFactory<TimberLogManager, Configured> FACTORY =
            (name, configured) -> new TimberLogManager(name, ManagedStore.open(configured.options, name),
                    configured.values);

    private final ManagedStore store;
    /** The option values, as given, that the store was opened with. */
    private final Map<String, String> values;

    private TimberLogManager(String name, ManagedStore store, Map<String, String> values) {
        super(null, name);
        this.store = store;
        this.values = values;
    }

    /**
     * The manager of the appender {@code appender} on {@code options.directory()}, created (and the store
     * opened) by the first who asks.
     *
     * @param values the option values as given, by name, to tell a changed configuration
     */
    static TimberLogManager of(String appender, StoreOptions options, Map<String, String> values) {
        String name = "TimberLog[" + appender + "]:" + options.directory().toAbsolutePath().normalize();
        TimberLogManager manager = getManager(name, FACTORY, new Configured(options, values));
        if (!manager.values.equals(values)) {
            StatusLogger.getLogger().warn("TimberLog[{}]: the store {} stays open with the options it was opened "
                    + "with, {}; the options now configured, {}, take effect when the application starts again",
                    appender, options.directory(), manager.values, values);
        }
        return manager;
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
