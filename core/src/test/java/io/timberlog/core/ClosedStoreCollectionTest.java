package io.timberlog.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store that was closed and dropped is collected, although the threads that appended to it live on
 * (an application that reconfigures its logging reopens its store on the same threads). Each writer
 * keeps a 1 MiB direct buffer and its threads' encoders: a leak here grows with every reopen.
 */
class ClosedStoreCollectionTest {
    @TempDir
    Path dir;

    private static final int REOPENS = 20;

    @Test
    void close_storeThisThreadAppendedTo_isCollectedOnceDropped() throws Exception {
        CapturedEvent event = new CapturedEvent();
        for (int i = 0; i < REOPENS; i++) {
            try (LogStore store = LogStore.open(StoreOptions.builder(dir).problemListener((m, c) -> { }).build())) {
                store.append(event.reset().level(Level.INFO).logger("l").thread("t").message("event {}", MessageStyle.SLF4J)
                        .addArgument(i));
            }
        }
        // Each writer's allocator holds a 1 MiB direct buffer: what stays of them shows what stays of the writers.
        long deadline = System.nanoTime() + 30_000_000_000L; // a full collection takes far less; this only bounds a failure
        while (directBufferBytes() >= REOPENS / 2 * (1L << 20) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        long retained = directBufferBytes();
        assertTrue(retained < REOPENS / 2 * (1L << 20), retained + " bytes of direct buffers still held after "
                + REOPENS + " stores were closed");
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
