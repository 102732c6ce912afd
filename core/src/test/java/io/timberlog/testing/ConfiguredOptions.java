package io.timberlog.testing;

import io.timberlog.core.FsyncPolicy;
import io.timberlog.core.LogStore;
import io.timberlog.core.OverloadPolicy;
import io.timberlog.core.StoreOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Checks on the options the appenders pass to the store, shared by the appender modules' tests. */
public final class ConfiguredOptions {
    /** Options the core did not know when the appenders were written (retention, being added to the core). */
    private static final String[][] NOT_YET_KNOWN = {{"maxTotalSize", "64MiB"}, {"maxAge", "7d"}};

    private ConfiguredOptions() {
    }

    /** The options of the appender modules' "options" configuration files, whose store is {@code dir/nested}. */
    public static void assertEveryOptionApplied(StoreOptions options, Path dir) {
        assertEquals(dir.resolve("nested"), options.directory());
        assertEquals(256 << 10, options.maxWalSize());
        assertEquals(FsyncPolicy.INTERVAL, options.fsync());
        assertEquals(Duration.ofMillis(200), options.fsyncInterval());
        assertNull(options.forceAtLevel());
        assertEquals(Duration.ofMillis(500), options.maxForceWait());
        assertEquals(OverloadPolicy.DROP, options.overload());
        assertEquals(Duration.ofMillis(100), options.blockTimeout());
        assertEquals(64 << 10, options.maxEventSize());
        assertEquals(64L << 20, options.maxTotalSize());
        assertEquals(Duration.ofDays(7), options.maxAge());
        assertEquals(Duration.ofSeconds(3), options.closeConversionTimeout());
    }

    /**
     * Each option the core did not know yet is reported as ignored exactly while the core still does not
     * know it: once it does, the appender passes it on and says nothing.
     *
     * @param reportedAsIgnored whether the framework's status channel said that the named option is ignored
     */
    public static void assertUnknownOptionsReportedAsIgnored(Path dir, Predicate<String> reportedAsIgnored) {
        for (String[] option : NOT_YET_KNOWN) {
            boolean known = StoreOptions.builder(dir).set(option[0], option[1]);
            assertEquals(!known, reportedAsIgnored.test(option[0]), option[0]);
        }
    }

    /** The store in {@code dir} is closed: another writer can open it. */
    public static void assertClosed(Path dir) throws IOException {
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).build())) {
            assertEquals(dir, store.directory());
        }
    }
}
