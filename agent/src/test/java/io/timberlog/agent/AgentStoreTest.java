package io.timberlog.agent;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;
import io.timberlog.testing.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.*;

class AgentStoreTest {
    @TempDir
    Path tmp;

    /**
     * The first events wait for the store to open (on the agent's own thread), on an interrupted thread (a
     * task being cancelled) too: the wait gave up at once there, and those events were dropped.
     */
    @Test
    void append_onAnInterruptedThread_whileTheStoreOpens_waitsForItAndKeepsTheInterrupt() throws Exception {
        Path dir = tmp.resolve("store");
        OpeningHold hold = new OpeningHold();
        // A size limit below two WAL files makes the opening warn, and the listener holds it there.
        AgentStore store = new AgentStore(StoreOptions.builder(dir).maxWalSize(256 << 10).maxTotalSize(256 << 10)
                .problemListener(hold::problem).build());
        try {
            assertTrue(hold.reached.await(30, TimeUnit.SECONDS), "the store's opening did not warn");
            hold.releaseOnceWaiting(Thread.currentThread());
            Thread.currentThread().interrupt();
            boolean stored;
            boolean interruptKept;
            try {
                stored = store.append(new CapturedEvent().reset().logger("test")
                        .message("logged while the store opens", MessageStyle.LITERAL));
            } finally {
                interruptKept = Thread.interrupted();
            }
            assertTrue(interruptKept, "the caller's interrupt is kept");
            assertTrue(stored, "dropped: the wait for the store gave up on the interrupt");
            assertEquals(List.of("logged while the store opens"), Stores.messages(Stores.read(dir)));
        } finally {
            hold.release.countDown();
            store.close();
        }
    }

    /**
     * An Error while the store opens, on the agent's own thread, stays there: thrown on, it reached the
     * application's uncaught exception handler. Here a StackOverflowError comes out of the problem listener as
     * it hears that the directory cannot be opened.
     */
    @Test
    void open_errorWhileOpening_doesNotReachTheApplicationsUncaughtExceptionHandler() throws Exception {
        Path blocker = Files.createFile(tmp.resolve("blocker")); // no directory can be made inside a regular file
        List<String> heard = new CopyOnWriteArrayList<>();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler applications = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        AgentStore store = null;
        try {
            store = new AgentStore(StoreOptions.builder(blocker.resolve("store")).problemListener((message, cause) -> {
                heard.add(message);
                throw new StackOverflowError("thrown by a test's problem listener");
            }).build());
            assertFalse(store.append(new CapturedEvent().reset().logger("test").message("dropped", MessageStyle.LITERAL)));
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("timberlog-agent-open")) {
                    t.join(10_000); // it counted down before it ended: its uncaught exception comes after
                }
            }
            assertEquals(List.of(), uncaught);
            assertTrue(heard.stream().anyMatch(m -> m.contains("cannot open store")), heard.toString());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(applications);
            if (store != null) {
                store.close();
            }
        }
    }

    /** A problem listener that holds the store's opening at its warning about the size limit. */
    private static final class OpeningHold {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void problem(String message, Throwable cause) {
            if (message.contains("is less than two WAL files")) {
                reached.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Releases the opening once {@code caller} waits for it (within 10 s: a caller that does not wait never will). */
        void releaseOnceWaiting(Thread caller) {
            Thread releaser = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (caller.getState() != Thread.State.TIMED_WAITING && release.getCount() > 0
                        && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(1_000_000L);
                }
                release.countDown();
            }, "releaser");
            releaser.setDaemon(true);
            releaser.start();
        }
    }
}
