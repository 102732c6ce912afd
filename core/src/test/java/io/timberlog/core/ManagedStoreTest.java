package io.timberlog.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

class ManagedStoreTest {
    @TempDir
    Path tmp;

    private final List<String> problems = new CopyOnWriteArrayList<>();

    private StoreOptions options(Path dir) {
        return StoreOptions.builder(dir).problemListener((message, cause) -> problems.add(message)).build();
    }

    private static CapturedEvent event(String message) {
        return new CapturedEvent().reset().logger("test").message(message, MessageStyle.LITERAL);
    }

    /**
     * The JVM runs every shutdown hook at once: the application's (a graceful stop that logs what it
     * does) beside the store's. The store's waits until the events stop coming, so none is dropped.
     */
    @Test
    void jvmExit_eventsOfTheApplicationsShutdownHook_areStored() throws Exception {
        Path dir = tmp.resolve("store");
        Process child = io.timberlog.testing.ChildJvm.start(LastWords.class, List.of(), tmp.resolve("child.out"),
                dir.toString());
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), Files.readString(tmp.resolve("child.out")));
        List<String> messages = new ArrayList<>();
        StoreReader.open(dir).readAll(e -> messages.add(e.message()));
        List<String> expected = new ArrayList<>(List.of("started"));
        for (int i = 0; i < 10; i++) {
            expected.add("shutdown step " + i);
        }
        expected.add("shutdown complete");
        assertEquals(expected, messages);
    }

    /** An application whose shutdown hook logs ten steps, 50 ms apart, after its main method returned. */
    public static final class LastWords {
        public static void main(String[] args) {
            ManagedStore store = ManagedStore.open(StoreOptions.builder(java.nio.file.Paths.get(args[0])).build(), "test");
            store.append(event("started"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    store.append(event("shutdown step " + i));
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                }
                store.append(event("shutdown complete"));
            }));
        }
    }

    @Test
    void open_onAnInterruptedThread_appendsAtOnce_andKeepsTheInterrupt() throws Exception {
        Path dir = tmp.resolve("store");
        Thread.currentThread().interrupt(); // logging started by a task that is being cancelled
        ManagedStore managed;
        boolean interruptKept;
        try {
            managed = ManagedStore.open(options(dir), "test");
        } finally {
            interruptKept = Thread.interrupted();
        }
        try (managed) {
            assertTrue(interruptKept, "the caller's interrupt is kept");
            assertNotNull(managed.store(), "not open: " + problems);
            assertTrue(managed.append(event("hello")));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void open_writableDirectory_appendsAtOnce() throws Exception {
        Path dir = tmp.resolve("store");
        try (ManagedStore managed = ManagedStore.open(options(dir), "test")) {
            assertNotNull(managed.store());
            assertTrue(managed.append(event("hello")));
        }
        List<String> messages = new ArrayList<>();
        StoreReader.open(dir).readAll(e -> messages.add(e.message()));
        assertEquals(List.of("hello"), messages);
    }

    @Test
    void open_whenDirectoryCannotBeCreated_dropsAndCountsThenOpensWhenTheCauseClears() throws Exception {
        Path blocker = Files.createFile(tmp.resolve("blocker"));
        Path dir = blocker.resolve("store"); // a directory cannot be created inside a regular file
        try (ManagedStore managed = ManagedStore.open(options(dir), "test")) {
            assertNull(managed.store());
            assertFalse(managed.append(event("lost")));
            assertEquals(1, managed.droppedEvents());
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("cannot open store"), problems.get(0));

            Files.delete(blocker);
            while (managed.store() == null) {
                Thread.sleep(20);
            }
            assertTrue(managed.append(event("kept")));
            assertTrue(problems.get(problems.size() - 1).contains("1 events were dropped"), problems.toString());
        }
        List<String> messages = new ArrayList<>();
        StoreReader.open(dir).readAll(e -> messages.add(e.message()));
        assertEquals(List.of("kept"), messages);
    }

    @Test
    void close_calledTwice_closesOnceAndDropsLaterAppends() throws Exception {
        ManagedStore managed = ManagedStore.open(options(tmp.resolve("store")), "test");
        managed.close();
        managed.close();
        assertTrue(managed.isClosed());
        assertNull(managed.store());
        assertFalse(managed.append(event("late")));
    }

    @Test
    void open_storeHeldByAnotherOwner_writesToTheFallbackStore() throws Exception {
        Path dir = tmp.resolve("store");
        try (ManagedStore first = ManagedStore.open(options(dir), "first");
             ManagedStore second = ManagedStore.open(options(dir), "second")) {
            assertEquals(dir, first.store().directory());
            assertEquals(LogStore.fallbackDirectory(dir, ProcessHandle.current().pid()), second.store().directory());
        }
    }
}
