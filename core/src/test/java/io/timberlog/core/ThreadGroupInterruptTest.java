package io.timberlog.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The store's threads are made in the thread group of the application's thread that opens the store, and
 * an application may interrupt every thread of its group ({@link ThreadGroup#interrupt()}). Nobody stops
 * the store's threads that way: such an interrupt must neither stop them doing their work nor leave them
 * spinning with every park cut short. It made the allocator fail to create any WAL file again (each try
 * a {@code ClosedByInterruptException}: every event dropped from then on), the flusher lose wal.meta for
 * the run (the next run reused converted WAL ids and lost events), and the opener of a store that could
 * not be opened yet give up for good.
 */
class ThreadGroupInterruptTest {
    private static final int EVENTS = 20_000; // several WAL files of 256 KiB on each side of the interrupt

    @TempDir
    Path dir;

    private final List<String> problems = new CopyOnWriteArrayList<>();

    @Test
    void interruptOfTheApplicationsThreadGroup_storeGoesOnAndTheNextRunLosesNothing() throws Exception {
        ThreadGroup application = new ThreadGroup("application");
        LogStore store = inGroup(application, () -> LogStore.open(options(dir)));
        CapturedEvent event = new CapturedEvent();
        int stored = append(store, event, "before", 0);

        application.interrupt();
        stored += append(store, event, "after", EVENTS);
        store.close();
        try (LogStore next = LogStore.open(options(dir))) {
            stored += append(next, event, "next run", 2 * EVENTS);
        }

        assertEquals(3 * EVENTS, stored, "appends dropped: " + problems);
        Set<Long> sequences = new HashSet<>();
        long read = StoreReader.open(dir).readAll(e -> sequences.add(e.sequence())).events();
        assertEquals(3 * EVENTS, read, "events read back: " + problems);
        assertEquals(3 * EVENTS, sequences.size(), "distinct sequence numbers");
    }

    @Test
    void interruptOfTheApplicationsThreadGroup_storeThatCouldNotBeOpenedYetOpensOnceItCan() throws Exception {
        Path notYet = Files.createFile(dir.resolve("store")); // a file where the directory should be
        ThreadGroup application = new ThreadGroup("application");
        ManagedStore managed = inGroup(application, () -> ManagedStore.open(options(notYet), "test"));
        try {
            application.interrupt();
            Files.delete(notYet);
            long deadline = System.nanoTime() + 10_000_000_000L; // the opener tries every second
            while (managed.store() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertNotNull(managed.store(), "still not open: " + problems);
        } finally {
            managed.close();
        }
    }

    private StoreOptions options(Path store) {
        return StoreOptions.builder(store).maxWalSize(StoreOptions.MIN_WAL_SIZE)
                .problemListener((message, cause) -> problems.add(message + (cause == null ? "" : " (" + cause + ")")))
                .build();
    }

    private static int append(LogStore store, CapturedEvent event, String what, int from) {
        int stored = 0;
        for (int i = from; i < from + EVENTS; i++) {
            if (store.append(event.reset().level(Level.INFO).logger("l").thread("t")
                    .message("{} event {} with some words to fill the WAL files", MessageStyle.SLF4J)
                    .addArgument(what).addArgument(i))) {
                stored++;
            }
        }
        return stored;
    }

    private interface Opening<T> {
        T open() throws Exception;
    }

    /** Opens on a thread of {@code group}, as the application's thread that starts its logging. */
    private static <T> T inGroup(ThreadGroup group, Opening<T> opening) throws Exception {
        AtomicReference<T> opened = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread thread = new Thread(group, () -> {
            try {
                opened.set(opening.open());
            } catch (Exception e) {
                failed.set(e);
            }
        }, "application-main");
        thread.start();
        thread.join();
        if (failed.get() != null) {
            throw failed.get();
        }
        return opened.get();
    }
}
