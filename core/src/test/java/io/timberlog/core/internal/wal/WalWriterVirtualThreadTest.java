package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;
import io.timberlog.testing.Stores;
import io.timberlog.testing.VirtualThreadTasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Appends from virtual threads, a new one per event, as an application that starts one per request
 * does: the encoders are lent to them, not built for each. Skipped before Java 21.
 */
class WalWriterVirtualThreadTest {
    private static final int EVENTS = 10_000;

    @TempDir
    Path dir;

    @Test
    void append_fromTenThousandVirtualThreads_buildsFewEncodersAndStoresEachEventOnce() throws Exception {
        VirtualThreadTasks.assumeAvailable();
        int built;
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).problemListener((m, c) -> { }).build())) {
            // The first event defines the logger and template in the file's dictionary, and runs cold code:
            // the threads that meet that definition block on it, each holding its encoder.
            assertTrue(store.append(new CapturedEvent().message("request {}", MessageStyle.SLF4J).addArgument(-1)));
            int before = EventEncoder.built();
            VirtualThreadTasks.runEach(EVENTS, i -> assertTrue(store.append(
                    new CapturedEvent().message("request {}", MessageStyle.SLF4J).addArgument(i)), "stored"));
            built = EventEncoder.built() - before;
        }
        // The pool's slots (four per processor), and as many again for threads that find every slot of their
        // window taken, e.g. while a thread defines a string in a new file's dictionary and others wait for it.
        int bound = 2 * 4 * Runtime.getRuntime().availableProcessors();
        assertTrue(built <= bound, built + " encoders built for " + EVENTS + " virtual threads, at most " + bound
                + " expected");

        List<String> messages = Stores.messages(Stores.read(dir));
        assertEquals(EVENTS + 1, messages.size());
        Set<String> distinct = new HashSet<>(messages);
        for (int i = -1; i < EVENTS; i++) {
            assertTrue(distinct.contains("request " + i), "request " + i + " is missing");
        }
    }
}
