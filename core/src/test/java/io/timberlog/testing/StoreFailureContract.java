package io.timberlog.testing;

import io.timberlog.core.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The store's troubles under a running application, with a real framework: the application logs on, its
 * other appenders get every event, drops are counted, and capture resumes once the cause clears. Each
 * appender module runs these with its framework.
 */
public abstract class StoreFailureContract {
    /** Bounds the waits for the store's background threads, which retry every second. */
    private static final long PATIENCE_NANOS = 60_000_000_000L;

    @TempDir
    protected Path tmp;

    protected abstract AppenderHarness.Factory framework();

    @Test
    void append_whenDiskFull_dropsAndCountsAndResumesWhenSpaceIsFreed() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("mnt"), "4m")) {
            Path store = fs.path().resolve("store");
            try (AppenderHarness app = framework().start(AppenderHarness.Config.SMALL_WAL, store)) {
                app.info("before the disk filled up");
                Path filler = fs.fill();
                int whileFull = 0;
                while (app.store().droppedEvents() == 0) {
                    assertTrue(whileFull < 1_000_000, "a full disk must lead to drops");
                    app.info("while the disk is full {}", whileFull++);
                }
                assertEquals(whileFull + 1, app.eventsOfTheOtherAppender(), "the other appenders get every event");

                Files.delete(filler);
                awaitStored(app, store);
            }
            List<LogEvent> events = Stores.read(store);
            assertEquals("before the disk filled up", events.get(0).message());
            assertTrue(events.stream().anyMatch(e -> e.logger().equals("io.timberlog.store")
                    && e.template().startsWith("TimberLog dropped")), "the store records what it dropped");
            assertEquals("stored again", lastOfTheApplication(events).template());
        }
    }

    @Test
    void start_whenDirectoryIsReadOnly_dropsAndCountsAndOpensOnceWritable() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("mnt"), "8m")) {
            fs.readOnly(true);
            Path store = fs.path().resolve("store");
            List<String> warnings;
            try (AppenderHarness app = framework().start(AppenderHarness.Config.CAPTURE, store)) {
                assertNull(app.store().store());
                app.info("dropped: the directory cannot be created");
                assertEquals(1, app.store().droppedEvents());
                assertEquals(1, app.eventsOfTheOtherAppender());
                assertTrue(app.warnings().stream().anyMatch(m -> m.contains("cannot open store")), app.warnings().toString());

                fs.readOnly(false);
                await(() -> app.store().store() != null);
                app.info("kept");
                warnings = app.warnings();
            }
            assertEquals(List.of("kept"), Stores.messages(Stores.read(store)));
            assertTrue(warnings.stream().anyMatch(m -> m.contains("is open now; 1 events were dropped")), warnings.toString());
        }
    }

    @Test
    void append_whenStoreDirectoryIsDeleted_recreatesItAndResumes() throws Exception {
        Path store = tmp.resolve("store");
        try (AppenderHarness app = framework().start(AppenderHarness.Config.CAPTURE, store)) {
            app.info("before deletion");
            deleteRecursively(store);
            awaitStored(app, store);
            assertTrue(Files.isDirectory(store));
            assertTrue(app.warnings().stream().anyMatch(m -> m.contains("was deleted")), app.warnings().toString());
        }
        List<LogEvent> events = Stores.read(store);
        assertEquals("stored again", lastOfTheApplication(events).template());
    }

    /**
     * The last event the application logged. The store's own record of drops is written by the
     * flusher's thread after its round, so it can follow the application's last event (a clean-clone
     * CI run on a loaded machine saw it there).
     */
    private static LogEvent lastOfTheApplication(List<LogEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (!events.get(i).logger().equals("io.timberlog.store")) {
                return events.get(i);
            }
        }
        throw new AssertionError("no event of the application: " + events);
    }

    /** Logs until an event can be read back from the store: capture has resumed. Then logs "stored again". */
    private static void awaitStored(AppenderHarness app, Path store) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        for (int i = 0; ; i++) {
            app.info("waiting for the store {}", i);
            if (Files.isDirectory(store.resolve("wal")) && Stores.read(store).stream()
                    .anyMatch(e -> e.template().equals("waiting for the store {}"))) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "capture did not resume");
            Thread.sleep(10);
        }
        app.info("stored again");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met");
            Thread.sleep(10);
        }
    }

    /**
     * Deletes {@code dir} as {@code rm -rf} would, again while the store's threads put a file (the WAL
     * file made ahead) into a directory the walk had already emptied: a person's {@code rm -rf} can meet
     * that too, and is run again. A full verify saw DirectoryNotEmptyException here once.
     */
    private static void deleteRecursively(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (DirectoryNotEmptyException | UncheckedIOException raced) { // the latter: a file gone mid-walk
                if (attempt == 10) {
                    throw raced;
                }
            }
        }
    }
}
