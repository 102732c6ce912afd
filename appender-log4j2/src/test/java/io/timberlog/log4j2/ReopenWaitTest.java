package io.timberlog.log4j2;

import io.timberlog.testing.Stores;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** An append that meets the store closed by a reopen (a reconfiguration with other options) waits for the new one. */
class ReopenWaitTest {
    /** How long the test holds the reopen while the application's thread waits for it. */
    private static final long HOLD_NANOS = 500_000_000L;

    @TempDir
    Path dir;

    /**
     * A thread whose interrupt flag is set (a task being cancelled) waits parked, as any other does: a park
     * returns at once on such a thread, and the wait spun a processor until the reopen ended (up to 10 s).
     */
    @Test
    void append_onAnInterruptedThread_whileTheStoreIsReopened_parksKeepsTheEventAndTheInterrupt() throws Exception {
        LoggerContext context = Log4jFixture.load("capture-log4j2.xml", dir);
        org.apache.logging.log4j.Logger log = context.getLogger("test");
        log.info("before the reopen"); // classes loaded and the mapping warm: the measure below is the wait
        ReopenHold hold = new ReopenHold();
        StatusLogger.getLogger().registerListener(hold);
        java.net.URI otherOptions = getClass().getClassLoader().getResource("tiny-total-log4j2.xml").toURI();
        Thread reconfiguring = new Thread(() -> context.setConfigLocation(otherOptions), "reconfiguring");
        try {
            reconfiguring.start();
            assertTrue(hold.reached.await(30, TimeUnit.SECONDS), "the reopen did not open the new store");
            Thread releaser = new Thread(() -> {
                try {
                    TimeUnit.NANOSECONDS.sleep(HOLD_NANOS); // not a park, which may return early
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    hold.release.countDown();
                }
            }, "releaser");
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Thread.currentThread().interrupt();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            releaser.start();
            boolean interruptKept;
            try {
                log.info("logged while the store is reopened");
            } finally {
                interruptKept = Thread.interrupted();
            }
            long waited = System.nanoTime() - start;
            long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            assertTrue(interruptKept, "the caller's interrupt is kept");
            assertTrue(waited >= HOLD_NANOS / 2, "waited for the reopen, " + waited / 1_000_000 + " ms");
            // Parked, the thread takes a few percent of a processor while it waits; spinning, all it gets of one.
            assertTrue(cpu < waited / 2, cpu / 1_000_000 + " ms of CPU in " + waited / 1_000_000 + " ms of waiting");
            reconfiguring.join();
            // Read while open: the new options' size limit lets retention delete the segments of earlier runs.
            List<String> stored = Stores.messages(Stores.read(dir));
            assertTrue(stored.contains("logged while the store is reopened"), stored.toString());
        } finally {
            hold.release.countDown();
            reconfiguring.join();
            StatusLogger.getLogger().removeListener(hold);
            context.stop();
        }
    }

    /**
     * Holds the reopen inside the new store's opening, once the old store is closed: that opening warns that
     * maxTotalSize is below two WAL files, and this listener of log4j2's status logger waits when it hears it.
     */
    private static final class ReopenHold implements StatusListener {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void log(StatusData data) {
            if (data.getMessage().getFormattedMessage().contains("is less than two WAL files")) {
                reached.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public Level getStatusLevel() {
            return Level.WARN;
        }

        @Override
        public void close() {
        }
    }
}
