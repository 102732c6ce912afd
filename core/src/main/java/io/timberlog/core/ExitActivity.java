package io.timberlog.core;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Whether the application may still log while the JVM exits, as far as the store's shutdown hook can tell
 * ({@link ManagedStore}). The JVM starts every shutdown hook at once and tells none of them about the
 * others, so the store's hook cannot wait for the application's (a graceful stop, which logs what it
 * does) by name. Nor is a while without events a sign that they are done: a hook may wait between two
 * steps (for a worker to stop), and on a loaded machine the scheduler keeps a runnable thread from a
 * processor for a hundred milliseconds and more. So it looks at the threads, and only at non-daemon ones:
 * a hook is one unless its creator was a daemon, while a daemon thread that logs during the exit is
 * mostly one that lives on (a logging framework's asynchronous worker, a pool's).
 * <ul>
 *   <li>When the JVM exits because its last non-daemon thread ended (the main method returned), every
 *       non-daemon thread left is a hook, or a thread a hook started: the application may log while
 *       one of them is alive.</li>
 *   <li>Otherwise ({@link System#exit}, a signal) the application's other threads are still there, and
 *       the hooks cannot be told from them. The application may log while a thread that logged since
 *       the exit began is alive (a hook between two steps), or while another one runs Java code (a hook
 *       the JVM is still starting, one not given a processor yet, one busy before its first event).
 *       Such a thread that lives on without logging again (a worker that logged once), or that keeps
 *       running, holds the exit up for as long as the store waits at all, as one that keeps logging
 *       always did; one blocked in a native call (a server's acceptor) does not. A hook that logged
 *       only before the JVM started the store's hook, or that waits before its first event, is heard
 *       only while events keep coming.</li>
 * </ul>
 *
 * <p>Thread-safe: {@link #isUnderWay} and {@link #logging} are called by the application's threads, the
 * rest by the store's hook.
 */
final class ExitActivity {
    /** Threads followed at most: a graceful stop logs from a few; past that many, new events still count. */
    private static final int MAX_LOGGERS = 64;
    /** Threads looked at at most, so that a JVM with very many costs a bounded look. */
    private static final int MAX_THREADS = 10_000;
    /** The thread that runs the JVM's shutdown when its last non-daemon thread ended (HotSpot's name). */
    private static final String DESTROY_THREAD = "DestroyJavaVM";

    private final Thread storeHook;
    private final AtomicReferenceArray<Thread> loggers = new AtomicReferenceArray<>(MAX_LOGGERS);
    // Used by the store's hook only:
    /** Every thread is in it; {@code null} where a security manager forbids climbing to it. */
    private ThreadGroup root;
    private Thread[] threads = new Thread[0];
    /** The thread running the JVM's shutdown after its last non-daemon thread ended; else {@code null}. */
    private Thread destroyer;

    /** @param storeHook the store's shutdown hook, which the JVM starts when the exit begins */
    ExitActivity(Thread storeHook) {
        this.storeHook = storeHook;
    }

    /**
     * True once the JVM started the store's hook: the exit began. Read by every append, so it reads a
     * field that nothing writes before the exit; and it is true from the moment the hook was started, not
     * only once its thread runs, which on a loaded machine can be long after the application's hooks
     * logged their first events.
     */
    boolean isUnderWay() {
        return storeHook.getState() != Thread.State.NEW;
    }

    /** Notes the calling thread as one that logged since the exit began. Never throws. */
    void logging() {
        Thread thread = Thread.currentThread();
        if (thread.isDaemon()) {
            return;
        }
        for (int i = 0; i < MAX_LOGGERS; i++) {
            Thread known = loggers.get(i);
            if (known == thread || known == null && loggers.compareAndSet(i, null, thread)) {
                return; // only this thread adds itself, so a slot taken meanwhile holds another
            }
        }
    }

    /** Called by the store's hook before it asks {@link #mayStillLog}: learns how the JVM exits. */
    void begin() {
        root = rootGroup();
        int n = liveThreads();
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (!t.isDaemon() && t.getName().equals(DESTROY_THREAD) && runsShutdown(t)) {
                destroyer = t;
            }
        }
        forgetThreads(n);
    }

    /** True while the application may still log; see the class comment. */
    boolean mayStillLog() {
        int n = liveThreads();
        boolean may = false;
        for (int i = 0; i < n && !may; i++) {
            Thread t = threads[i];
            if (destroyer != null) {
                may = t != destroyer && !t.isDaemon();
            } else {
                may = !t.isDaemon() && t != Thread.currentThread() && t.getState() == Thread.State.RUNNABLE
                        && runsJava(t);
            }
        }
        forgetThreads(n);
        return may || destroyer == null && aLoggerIsAlive();
    }

    private boolean aLoggerIsAlive() {
        for (int i = 0; i < MAX_LOGGERS; i++) {
            Thread known = loggers.get(i);
            if (known == null) {
                return false;
            }
            if (known.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** The JDK's shutdown after the last non-daemon thread ended (as JNI's DestroyJavaVM runs it). */
    private static boolean runsShutdown(Thread t) {
        for (StackTraceElement frame : stackOf(t)) {
            if (frame.getClassName().equals("java.lang.Shutdown") && frame.getMethodName().equals("shutdown")) {
                return true;
            }
        }
        return false;
    }

    /** Not blocked in a native call; a thread that has not run yet has no frame. */
    private static boolean runsJava(Thread t) {
        StackTraceElement[] stack = stackOf(t);
        return stack.length == 0 || !stack[0].isNativeMethod();
    }

    private static StackTraceElement[] stackOf(Thread t) {
        try {
            return t.getStackTrace();
        } catch (SecurityException e) {
            return new StackTraceElement[0]; // a security manager that hides stacks: taken for a thread not run yet
        }
    }

    /** Lists the live threads into {@link #threads}; their number. */
    private int liveThreads() {
        if (root == null) {
            return 0;
        }
        int estimate = Math.min(MAX_THREADS, root.activeCount() + 16);
        if (threads.length < estimate) {
            threads = new Thread[estimate];
        }
        return root.enumerate(threads, true);
    }

    /** Keeps no thread reachable between two looks. */
    private void forgetThreads(int n) {
        java.util.Arrays.fill(threads, 0, n, null);
    }

    private static ThreadGroup rootGroup() {
        try {
            ThreadGroup group = Thread.currentThread().getThreadGroup();
            while (group.getParent() != null) {
                group = group.getParent();
            }
            return group;
        } catch (SecurityException e) {
            return null; // then only the threads that logged, and the events themselves, tell
        }
    }
}
