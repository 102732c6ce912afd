package io.timberlog.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Logs with the stack nearly full: each of a few threads with a small stack recurses until the stack
 * overflows, and its deepest frames each log once on the way back, with less and less stack left, so
 * that a log call overflows it somewhere along its whole depth. The first call of each thread is the
 * deepest: it is the one that builds the thread's instances.
 */
public final class NearlyFullStack {
    private static final int THREADS = 5;
    private static final long STACK_BYTES = 256 * 1024;
    /** More frames than a log call's whole depth. */
    private static final int FRAMES_THAT_LOG = 300;

    private NearlyFullStack() {
    }

    /** Runs {@code logOnce} near the end of the stack of a few threads; returns what its calls threw. */
    public static List<Throwable> log(Runnable logOnce) throws InterruptedException {
        List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(null, () -> logOnTheWayBack(logOnce, thrown, 0), "small-stack-" + i, STACK_BYTES);
            t.start();
            t.join();
        }
        return thrown;
    }

    /**
     * Those of {@code thrown} that came out of TimberLog's code, as "throwable at frame": the frame they
     * were thrown in is one of TimberLog's before (above) the framework's call of {@code appender}'s
     * {@code appendMethod}. That call itself can overflow as it starts, which is the framework's, as can
     * the test's own call of the framework.
     */
    public static List<String> thrownByTimberLog(List<Throwable> thrown, Class<?> appender, String appendMethod) {
        List<String> ours = new ArrayList<>();
        for (Throwable e : thrown) {
            for (StackTraceElement frame : e.getStackTrace()) {
                boolean appenderEntry = frame.getClassName().equals(appender.getName())
                        && frame.getMethodName().equals(appendMethod);
                boolean test = frame.getClassName().equals(NearlyFullStack.class.getName())
                        || frame.getClassName().endsWith("Test"); // the test's own call, as it starts
                if (appenderEntry || test) {
                    break;
                }
                if (frame.getClassName().startsWith("io.timberlog.")) {
                    ours.add(e + " at " + frame);
                    break;
                }
            }
        }
        return ours;
    }

    /** Recurses until the stack overflows; the deepest frames log on the way back. Returns the deepest depth. */
    private static int logOnTheWayBack(Runnable logOnce, List<Throwable> thrown, int depth) {
        int deepest;
        try {
            deepest = logOnTheWayBack(logOnce, thrown, depth + 1);
        } catch (StackOverflowError overflow) {
            deepest = depth;
        }
        if (deepest - depth < FRAMES_THAT_LOG) {
            try {
                logOnce.run();
            } catch (Throwable e) {
                thrown.add(e);
            }
        }
        return deepest;
    }
}
