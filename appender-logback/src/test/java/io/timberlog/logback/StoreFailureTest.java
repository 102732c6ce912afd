package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import io.timberlog.core.LogEvent;
import io.timberlog.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The store's troubles under a running application with a real logback: the application logs on,
 * its other appenders get every event, drops are counted, and capture resumes once the cause clears.
 */
class StoreFailureTest {
    /** Bounds the waits for the store's background threads, which retry every second. */
    private static final long PATIENCE_NANOS = 60_000_000_000L;

    @TempDir
    Path tmp;

    @Test
    void append_whenDiskFull_dropsAndCountsAndResumesWhenSpaceIsFreed() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("mnt"), "4m")) {
            Path store = fs.path().resolve("store");
            LoggerContext context = LogbackFixture.load("small-wal-logback.xml", store);
            TimberLogAppender appender = LogbackFixture.timberLog(context);
            Logger log = context.getLogger("app");
            log.info("before the disk filled up");
            Path filler = fs.fill();

            int whileFull = 0;
            while (appender.getStore().droppedEvents() == 0) {
                assertTrue(whileFull < 1_000_000, "a full disk must lead to drops");
                log.info("while the disk is full {}", whileFull++);
            }
            assertEquals(whileFull + 1, LogbackFixture.listed(context).size(), "the other appenders get every event");

            Files.delete(filler);
            awaitStored(log, appender);
            context.stop();

            List<LogEvent> events = LogbackFixture.read(store);
            assertEquals("before the disk filled up", events.get(0).message());
            assertTrue(events.stream().anyMatch(e -> e.logger().equals("io.timberlog.store")
                    && e.template().startsWith("TimberLog dropped")), "the store records what it dropped");
            assertEquals("stored again", events.get(events.size() - 1).template());
        }
    }

    @Test
    void start_whenDirectoryIsReadOnly_dropsAndCountsAndOpensOnceWritable() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("mnt"), "8m")) {
            fs.readOnly(true);
            Path store = fs.path().resolve("store");
            LoggerContext context = LogbackFixture.load("capture-logback.xml", store);
            TimberLogAppender appender = LogbackFixture.timberLog(context);
            Logger log = context.getLogger("app");
            assertTrue(appender.isStarted());
            assertNull(appender.getStore().store());
            log.info("dropped: the directory cannot be created");
            assertEquals(1, appender.getStore().droppedEvents());
            assertTrue(LogbackFixture.statuses(context, Status.WARN).stream().anyMatch(m -> m.contains("cannot open store")));

            fs.readOnly(false);
            await(() -> appender.getStore().store() != null);
            log.info("kept");
            context.stop();

            assertEquals(List.of("kept"), messages(LogbackFixture.read(store)));
            assertTrue(LogbackFixture.statuses(context, Status.WARN).stream()
                    .anyMatch(m -> m.contains("is open now; 1 events were dropped")));
        }
    }

    @Test
    void append_whenStoreDirectoryIsDeleted_recreatesItAndResumes() throws Exception {
        Path store = tmp.resolve("store");
        LoggerContext context = LogbackFixture.load("capture-logback.xml", store);
        TimberLogAppender appender = LogbackFixture.timberLog(context);
        Logger log = context.getLogger("app");
        log.info("before deletion");
        deleteRecursively(store);

        awaitStored(log, appender);
        assertTrue(Files.isDirectory(store));
        context.stop();

        List<LogEvent> events = LogbackFixture.read(store);
        assertEquals("stored again", events.get(events.size() - 1).template());
        assertTrue(LogbackFixture.statuses(context, Status.WARN).stream().anyMatch(m -> m.contains("was deleted")));
    }

    /** Logs until an event can be read back from the store: capture has resumed. */
    private static void awaitStored(Logger log, TimberLogAppender appender) throws Exception {
        Path dir = appender.getStore().options().directory();
        int i = 0;
        while (true) {
            log.info("waiting for the store {}", i++);
            if (Files.isDirectory(dir.resolve("wal")) && LogbackFixture.read(dir).stream()
                    .anyMatch(e -> e.template().equals("waiting for the store {}"))) {
                break;
            }
            assertTrue(i < PATIENCE_NANOS / 10_000_000L, "capture did not resume");
            Thread.sleep(10);
        }
        log.info("stored again");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met");
            Thread.sleep(10);
        }
    }

    private static List<String> messages(List<LogEvent> events) {
        return events.stream().map(LogEvent::message).collect(Collectors.toList());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
