package io.timberlog.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
     * does) beside the store's. The store's waits until the application's is done, so none is dropped.
     */
    @Test
    void jvmExit_eventsOfTheApplicationsShutdownHook_areStored() throws Exception {
        List<String> expected = new ArrayList<>(List.of("started"));
        for (int i = 0; i < 10; i++) {
            expected.add("shutdown step " + i);
        }
        expected.add("shutdown complete");
        assertEquals(expected, messagesAfterExit(LastWords.class, RETURN));
    }

    /**
     * A graceful stop that waits between two events for longer than {@link ManagedStore#EXIT_QUIET} (for
     * a worker to stop, or kept from a processor on a loaded machine) is heard to its end: here it waits
     * until the store's hook has ended, which before the fix it did after EXIT_QUIET without events.
     */
    @Test
    void jvmExit_aHookThatWaitsLongerThanTheQuietTimeBetweenTwoEvents_hasBothStored() throws Exception {
        assertEquals(List.of("started", "stopping", "stopped"), messagesAfterExit(SlowStop.class, RETURN));
    }

    /** As above, with the other threads of the application still there: the hook logged since the exit began. */
    @Test
    void systemExit_aHookThatWaitsLongerThanTheQuietTimeBetweenTwoEvents_hasBothStored() throws Exception {
        assertEquals(List.of("started", "stopping", "stopped"), messagesAfterExit(SlowStop.class, SYSTEM_EXIT));
    }

    /**
     * A graceful stop that runs for longer than {@link ManagedStore#EXIT_QUIET} before its first event (busy,
     * or not given a processor on a loaded machine: the flaky failure's "[started]" alone) has it stored.
     */
    @Test
    void jvmExit_aHookThatRunsLongerThanTheQuietTimeBeforeItsFirstEvent_hasItStored() throws Exception {
        assertEquals(List.of("started", "stopped"), messagesAfterExit(BusyStop.class, RETURN));
    }

    /** As above, with the other threads of the application still there: the hook runs Java code. */
    @Test
    void systemExit_aHookThatRunsLongerThanTheQuietTimeBeforeItsFirstEvent_hasItStored() throws Exception {
        assertEquals(List.of("started", "stopped"), messagesAfterExit(BusyStop.class, SYSTEM_EXIT));
    }

    /** How a child application ends: its main method returns (the JVM exits once no non-daemon thread is left). */
    private static final String RETURN = "return";
    /** How a child application ends: {@code System.exit(0)}, its other threads still there. */
    private static final String SYSTEM_EXIT = "System.exit";

    /**
     * Runs {@code main} in a JVM of its own, which opens a store, registers a shutdown hook that logs and ends
     * as {@code how} says without closing the store; returns the messages stored.
     */
    private List<String> messagesAfterExit(Class<?> main, String how) throws Exception {
        Path dir = tmp.resolve("store");
        Path out = tmp.resolve("child.out");
        Process child = io.timberlog.testing.ChildJvm.start(main, List.of(), out, dir.toString(), how);
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), Files.readString(out));
        List<String> messages = new ArrayList<>();
        StoreReader.open(dir).readAll(e -> messages.add(e.message()));
        return messages;
    }

    /** Opens the store in {@code args[0]}, logs "started", registers {@code hook} and ends as {@code args[1]} says. */
    private static void runApplication(String[] args, java.util.function.Consumer<ManagedStore> hook) {
        ManagedStore store = ManagedStore.open(StoreOptions.builder(java.nio.file.Paths.get(args[0])).build(), "test");
        store.append(event("started"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> hook.accept(store)));
        if (args[1].equals(SYSTEM_EXIT)) {
            System.exit(0);
        }
    }

    /** An application whose shutdown hook logs ten steps, 50 ms apart. */
    public static final class LastWords {
        public static void main(String[] args) {
            runApplication(args, store -> {
                for (int i = 0; i < 10; i++) {
                    store.append(event("shutdown step " + i));
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                }
                store.append(event("shutdown complete"));
            });
        }
    }

    /**
     * An application whose shutdown hook logs once the store's hook runs, then waits until that ended (at
     * most 5 EXIT_QUIET), then logs again.
     */
    public static final class SlowStop {
        public static void main(String[] args) {
            runApplication(args, store -> {
                Thread storeHook = storeShutdownHook();
                store.append(event("stopping"));
                try {
                    storeHook.join(ManagedStore.EXIT_QUIET.multipliedBy(5).toMillis());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                store.append(event("stopped"));
            });
        }
    }

    /** An application whose shutdown hook runs until the store's hook ended (at most 5 EXIT_QUIET), then logs. */
    public static final class BusyStop {
        public static void main(String[] args) {
            runApplication(args, store -> {
                Thread storeHook = storeShutdownHook();
                long end = System.nanoTime() + ManagedStore.EXIT_QUIET.multipliedBy(5).toNanos();
                while (storeHook.isAlive() && System.nanoTime() - end < 0) {
                    Thread.onSpinWait(); // runnable all the while, as a thread waiting for a processor is
                }
                store.append(event("stopped"));
            });
        }
    }

    /** The store's shutdown hook thread: the JVM starts it with the application's, maybe a moment later. */
    private static Thread storeShutdownHook() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() - deadline < 0) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(ManagedStore.SHUTDOWN_HOOK_NAME)) {
                    return t;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the store's shutdown hook did not start");
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

    /**
     * An Error out of opening itself (an OutOfMemoryError for the store's memory or threads, a
     * StackOverflowError on a deep stack) is reported, not thrown at the application's start, which logback
     * would let it fail. What it broke off may be half set up: opening is not tried again.
     */
    @Test
    void open_errorWhileOpening_isReportedNotThrown_andNotTriedAgain() throws Exception {
        Path dir = directoryWhoseFileSystemThrows(tmp.resolve("store"));
        ManagedStore managed = assertDoesNotThrow(() -> ManagedStore.open(options(dir), "test"));
        try (managed) {
            assertNull(managed.store());
            assertFalse(managed.append(event("lost")));
            assertEquals(1, managed.droppedEvents());
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("cannot open store") && problems.get(0).contains("not tried again"),
                    problems.get(0));
        }
    }

    /** A directory whose file system throws a StackOverflowError at its first use. */
    private static Path directoryWhoseFileSystemThrows(Path real) {
        return (Path) Proxy.newProxyInstance(ManagedStoreTest.class.getClassLoader(), new Class<?>[] {Path.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getFileSystem")) {
                        throw new StackOverflowError("thrown by a test's file system");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * A problem listener that throws an Error (the application's status output overflowed its stack) changes
     * nothing the store does: the application's start goes on, and the store opens once it can.
     */
    @Test
    void open_problemListenerThrowingErrors_doesNotThrow_andOpensOnceTheCauseClears() throws Exception {
        Path blocker = Files.createFile(tmp.resolve("blocker"));
        Path dir = blocker.resolve("store"); // a directory cannot be created inside a regular file
        ManagedStore managed = assertDoesNotThrow(() -> ManagedStore.open(throwingListener(dir).build(), "test"));
        try (managed) {
            assertNull(managed.store());
            assertTrue(problems.get(0).contains("cannot open store"), problems.toString());

            Files.delete(blocker);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (managed.store() == null) { // the opener's thread lives on, its word that the store is open thrown too
                assertTrue(System.nanoTime() < deadline, "not opened: " + problems);
                Thread.sleep(20);
            }
            assertTrue(managed.append(event("kept")));
        }
        List<String> messages = new ArrayList<>();
        StoreReader.open(dir).readAll(e -> messages.add(e.message()));
        assertEquals(List.of("kept"), messages);
    }

    /** The listener's Error at a warning while the store opens leaves the store open, not half open. */
    @Test
    void open_problemListenerThrowingAnErrorAtAWarning_opensTheStore() throws Exception {
        StoreOptions options = throwingListener(tmp.resolve("store")).maxTotalSize(256 << 10).build(); // below two WAL files
        ManagedStore managed = assertDoesNotThrow(() -> ManagedStore.open(options, "test"));
        try (managed) {
            assertTrue(problems.get(0).contains("maxTotalSize"), problems.toString());
            assertNotNull(managed.store(), problems.toString());
            assertTrue(managed.append(event("kept")));
        }
    }

    /** Options whose problem listener notes each problem, then throws a StackOverflowError. */
    private StoreOptions.Builder throwingListener(Path dir) {
        return StoreOptions.builder(dir).problemListener((message, cause) -> {
            problems.add(message);
            throw new StackOverflowError("thrown by a test's problem listener");
        });
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
