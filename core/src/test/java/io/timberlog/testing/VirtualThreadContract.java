package io.timberlog.testing;

import io.timberlog.core.Nesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Logging from virtual threads through a real framework, a new thread per event, as an application
 * that starts one per request does: the appender's mappers are lent to the threads, not built for each,
 * every event is stored once, and an event logged while one is captured is nested no deeper than on a
 * platform thread. Each appender module runs these with its framework; they are skipped before Java 21
 * and run in the modules' test run on Java 25.
 */
public abstract class VirtualThreadContract {
    private static final int THREADS = 10_000;

    @TempDir
    protected Path tmp;
    private AppenderHarness app;

    protected abstract AppenderHarness.Factory framework();

    /** How many event mappers the module has built so far, nested ones included. */
    protected abstract int mappersBuilt();

    private AppenderHarness start() {
        VirtualThreadTasks.assumeAvailable();
        app = framework().start(AppenderHarness.Config.CAPTURE, tmp.resolve("store"));
        return app;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void log_tenThousandVirtualThreadsOneEventEach_fewMappersBuiltAndEveryEventStoredOnce() throws Exception {
        AppenderHarness app = start();
        // From this (platform) thread first: the first event defines the logger and template in the file's
        // dictionary, and runs cold code; threads that meet that definition block on it, each holding its mapper.
        app.info("request {}", -1);
        int before = mappersBuilt();
        VirtualThreadTasks.runEach(THREADS, i -> app.info("request {}", i));
        int built = mappersBuilt() - before;
        app.close();

        // The pool's slots (four per processor), and as many again for threads that find every slot of their
        // window taken, e.g. while a thread defines a string in a new file's dictionary and others wait for it.
        int bound = 2 * 4 * Runtime.getRuntime().availableProcessors();
        assertTrue(built <= bound, built + " mappers built for " + THREADS + " virtual threads, at most " + bound
                + " expected");
        Map<String, Integer> stored = new HashMap<>();
        for (String message : Stores.messages(Stores.read(tmp.resolve("store")))) {
            stored.merge(message, 1, Integer::sum);
        }
        assertEquals(THREADS + 1, stored.size(), "distinct events stored");
        for (int i = -1; i < THREADS; i++) {
            assertEquals(1, stored.getOrDefault("request " + i, 0), "times request " + i + " is stored");
        }
    }

    /** True while TimberLog's capture (its mapper, or core's rendering) is on the calling thread's stack. */
    private static boolean capturing() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName).anyMatch(
                name -> name.startsWith("io.timberlog.core.") || name.endsWith("EventMapper")));
    }

    /**
     * An argument whose toString() logs the argument again when TimberLog's capture renders it, on a
     * virtual thread: no stack overflow, no loop. (It would recurse through the framework's own rendering
     * too, which is the framework's business.)
     */
    @Test
    void log_argumentThatLogsItselfOnAVirtualThread_nestedNoDeeperThanTheLimit() throws Exception {
        AppenderHarness app = start();
        Object recursive = new Object() {
            private int depth;

            @Override
            public String toString() {
                if (capturing() && depth++ < 1_000) { // bounded: a missing limit shows as 1,000 events, not a hang
                    app.info("recursive {}", this);
                }
                return "recursive argument";
            }
        };
        VirtualThreadTasks.runEach(1, i -> app.info("recursive {}", recursive));
        app.close();

        List<String> messages = Stores.messages(Stores.read(tmp.resolve("store")));
        long nested = messages.stream().filter(m -> m.equals("recursive recursive argument")).count();
        assertTrue(nested >= 1 && nested <= 1 + Nesting.MAX_NESTED, nested + " events stored: the one logged, and at most "
                + Nesting.MAX_NESTED + " logged while capturing it; " + messages);
        assertFalse(messages.stream().anyMatch(m -> m.contains("FAILED")), "no stack overflow in toString(): " + messages);
    }
}
