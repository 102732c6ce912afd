package io.timberlog.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store that was closed and dropped is collected, although the threads that appended to it live on
 * (an application that reconfigures its logging reopens its store on the same threads), and a store holds
 * no direct memory of its own that would wait for the collection: a leak here grows with every reopen.
 */
class ClosedStoreCollectionTest {
    @TempDir
    Path dir;

    private static final int REOPENS = 20;
    private static final long MIB = 1L << 20;

    @Test
    void close_storeThisThreadAppendedTo_isCollectedOnceDropped() throws Exception {
        CapturedEvent event = new CapturedEvent();
        List<WeakReference<Object>> writers = new ArrayList<>();
        for (int i = 0; i < REOPENS; i++) {
            try (LogStore store = LogStore.open(options(dir))) {
                store.append(event.reset().level(Level.INFO).logger("l").thread("t").message("event {}", MessageStyle.SLF4J)
                        .addArgument(i));
                writers.add(new WeakReference<>(writerOf(store)));
            }
        }
        long deadline = System.nanoTime() + 30_000_000_000L; // a full collection takes far less; this only bounds a failure
        while (held(writers) > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(0, held(writers), "writers of closed stores still reachable");
    }

    /**
     * Each store's allocator had a 1 MiB direct buffer of zeros of its own, freed only by a collection: an
     * application reconfiguring its logging under a small MaxDirectMemorySize with DisableExplicitGC got an
     * OutOfMemoryError out of its configuration. Stores open at once show it without depending on the collector.
     */
    @Test
    void open_storesTakeNoDirectMemoryEach() throws Exception {
        List<LogStore> stores = new ArrayList<>();
        try {
            stores.add(LogStore.open(options(dir.resolve("first")))); // whatever is made once for the JVM
            long before = directBufferBytes();
            for (int i = 0; i < 8; i++) {
                stores.add(LogStore.open(options(dir.resolve("store-" + i))));
            }
            long taken = directBufferBytes() - before;
            assertTrue(taken < MIB, taken + " bytes of direct buffers taken by 8 more open stores");
        } finally {
            for (LogStore store : stores) {
                store.close();
            }
        }
    }

    private static StoreOptions options(Path dir) {
        return StoreOptions.builder(dir).problemListener((m, c) -> { }).build();
    }

    /** The store's write path, which holds what the threads that appended keep of it (their encoders). */
    private static Object writerOf(LogStore store) throws ReflectiveOperationException {
        Field writer = LogStore.class.getDeclaredField("writer");
        writer.setAccessible(true);
        return writer.get(store);
    }

    private static int held(List<WeakReference<Object>> references) {
        int held = 0;
        for (WeakReference<Object> reference : references) {
            if (reference.get() != null) {
                held++;
            }
        }
        return held;
    }

    private static long directBufferBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        throw new IllegalStateException("no direct buffer pool");
    }
}
