package io.timberlog.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link FrozenProcess} tells a child frozen below Java (as libfiu's deadlock leaves it; SIGSTOP does the
 * same here) from a child that idles or whose Java threads deadlock, which a test must still fail on.
 */
class FrozenProcessTest {
    private static final long WINDOW_NANOS = 1_500_000_000L;

    @TempDir
    Path tmp;

    @BeforeAll
    static void linux() {
        Assumptions.assumeTrue(Files.isReadable(Paths.get("/proc/self/status")), "needs Linux's /proc");
    }

    @Test
    void stoppedChild_isFrozen() throws Exception {
        Process child = ChildJvm.start(Idle.class, List.of(), tmp.resolve("child.out"));
        try {
            awaitWatchdog(child);
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(child.pid())).start().waitFor());
            assertTrue(frozenWithin(child, 3 * WINDOW_NANOS), "a stopped process is frozen");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void idleChild_isNotFrozen() throws Exception {
        Process child = ChildJvm.start(Idle.class, List.of(), tmp.resolve("child.out"));
        try {
            awaitWatchdog(child);
            assertFalse(frozenWithin(child, 3 * WINDOW_NANOS), "an idle JVM's watchdog goes on sleeping and waking");
        } finally {
            child.destroyForcibly();
        }
    }

    /** What a store that blocked the application would look like: Java threads stuck, the JVM well. */
    @Test
    void javaDeadlock_isNotFrozen() throws Exception {
        Process child = ChildJvm.start(Deadlocked.class, List.of(), tmp.resolve("child.out"));
        try {
            awaitWatchdog(child);
            assertFalse(frozenWithin(child, 3 * WINDOW_NANOS), "threads deadlocked in Java leave the watchdog running");
        } finally {
            child.destroyForcibly();
        }
    }

    private static boolean frozenWithin(Process child, long nanos) throws InterruptedException {
        FrozenProcess frozen = new FrozenProcess(child.pid(), WINDOW_NANOS);
        long deadline = System.nanoTime() + nanos;
        while (System.nanoTime() < deadline) {
            if (frozen.frozen()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Waits until the child's watchdog thread runs, so that the JVM's start is over. */
    private static void awaitWatchdog(Process child) throws Exception {
        String name = ChildMain.WATCHDOG_THREAD.substring(0, 15);
        Path tasks = Paths.get("/proc", Long.toString(child.pid()), "task");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            assertTrue(child.isAlive() && System.nanoTime() < deadline, "the child starts");
            try (var list = Files.list(tasks)) {
                if (list.anyMatch(t -> {
                    try {
                        return Files.readString(t.resolve("comm")).trim().equals(name);
                    } catch (Exception e) {
                        return false;
                    }
                })) {
                    Thread.sleep(500); // and its start settles
                    return;
                }
            }
            Thread.sleep(50);
        }
    }

    public static final class Idle {
        public static void main(String[] args) throws Exception {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    public static final class Deadlocked {
        public static void main(String[] args) throws Exception {
            Object a = new Object();
            Object b = new Object();
            Thread t = new Thread(() -> lockBoth(b, a));
            t.start();
            lockBoth(a, b);
        }

        private static void lockBoth(Object first, Object second) {
            synchronized (first) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (second) {
                    System.out.println("no deadlock");
                }
            }
        }
    }
}
