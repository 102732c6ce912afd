package io.timberlog.testing;

import io.timberlog.core.LogEvent;
import io.timberlog.core.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Logging on the thread that TimberLog's appender is capturing an event on: an argument whose
 * {@code toString()} logs through the same framework, as a Hibernate entity that loads itself lazily logs
 * its SQL. Who calls it first depends on the framework and on the argument: logback formats its message
 * when TimberLog's mapping asks for it, log4j2 as it makes the event; an argument no placeholder shows
 * is rendered by TimberLog's store as it encodes the event; an exception's message is read by logback as
 * it makes the event, by TimberLog's mapping under log4j2. Whatever the order, the event logged is stored
 * as logged, and the one its argument logs is stored too unless it was logged inside TimberLog's capture
 * of the first and the framework keeps such events from a busy appender ({@link #frameworkDropsNestedEvents()}).
 * Each appender module runs these with its framework.
 */
public abstract class ReentrantLoggingContract {
    private static final String SQL = "select * from orders where id = 7";

    @TempDir
    protected Path tmp;
    private AppenderHarness app;

    protected abstract AppenderHarness.Factory framework();

    /**
     * True when the framework itself drops an event logged on a thread while its appender is busy with
     * another on that thread (logback 1.3's UnsynchronizedAppenderBase, log4j2's AppenderControl): the
     * application's other appenders get it, TimberLog's does not.
     */
    protected abstract boolean frameworkDropsNestedEvents();

    /** How many event mappers the module has built so far, nested ones included. */
    protected abstract int mappersBuilt();

    private AppenderHarness start() {
        app = framework().start(AppenderHarness.Config.CAPTURE, tmp.resolve("store"));
        return app;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** Whether TimberLog's capture is on the stack: its mapping or its store. */
    private static boolean capturing() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .anyMatch(name -> name.startsWith("io.timberlog.core.") || name.endsWith("EventMapper")));
    }

    /**
     * An entity that loads itself the first time its text is asked for, and logs the SQL it runs. Who asks
     * first depends on the framework: log4j2 formats a message as it makes the event, logback when an
     * appender asks for it, and no framework formats an argument no placeholder shows.
     */
    private static final class LazyEntity {
        private final AppenderHarness app;
        private final String name;
        private boolean loaded;
        boolean loadedWhileCapturing;

        LazyEntity(AppenderHarness app, String name) {
            this.app = app;
            this.name = name;
        }

        @Override
        public String toString() {
            if (!loaded) {
                loaded = true;
                loadedWhileCapturing = capturing();
                app.infoTo("org.hibernate.SQL", "select * from {} where id = {}", "orders", 7);
            }
            return name;
        }
    }

    /** An exception whose message is looked up, and the SQL logged, the first time it is asked for. */
    private static final class LazyFailure extends RuntimeException {
        private final LazyEntity lookup;

        LazyFailure(AppenderHarness app) {
            super(null, null, false, false);
            this.lookup = new LazyEntity(app, "no such order");
        }

        @Override
        public String getMessage() {
            return lookup.toString();
        }
    }

    /** An argument that logs an event with itself whenever TimberLog renders it. */
    private static final class SelfLogging {
        private final AppenderHarness app;
        int renders;

        SelfLogging(AppenderHarness app) {
            this.app = app;
        }

        @Override
        public String toString() {
            if (capturing() && ++renders <= 1_000) { // bounded, so that a missing bound shows as 1,000 events, not a hang
                app.info("recursive {}", "unshown", this);
            }
            return "self";
        }
    }

    /** The events stored, once the framework is stopped. */
    private List<LogEvent> stored() {
        app.close();
        return Stores.read(tmp.resolve("store"));
    }

    private static List<LogEvent> byLogger(List<LogEvent> events, String logger) {
        return events.stream().filter(e -> e.logger().equals(logger)).collect(Collectors.toList());
    }

    /**
     * The outer event is stored as logged. The nested one is stored too, unless it was logged while
     * TimberLog captured the outer one and the framework keeps such events from the appender.
     */
    private LogEvent assertStoredIntact(LazyEntity entity, String message, List<Value> arguments) {
        assertTrue(entity.loaded, "the entity's text was asked for");
        assertEquals(0, app.store().droppedEvents());
        List<String> seenByTheOtherAppender = app.messagesOfTheOtherAppender();
        List<LogEvent> events = stored();
        List<LogEvent> outer = byLogger(events, "app");
        assertEquals(1, outer.size(), Stores.messages(events).toString());
        assertEquals(message, outer.get(0).message());
        assertEquals("loaded {}", outer.get(0).template());
        assertEquals(arguments, outer.get(0).arguments());
        assertEquals(List.of(SQL, message), seenByTheOtherAppender, "the framework's own appender got both");
        List<LogEvent> nested = byLogger(events, "org.hibernate.SQL");
        if (entity.loadedWhileCapturing && frameworkDropsNestedEvents()) {
            assertEquals(List.of(), nested, "the framework kept the nested event from the appender");
        } else {
            assertEquals(List.of(SQL), Stores.messages(nested));
            assertEquals(List.of(Value.of("orders"), Value.of(7)), nested.get(0).arguments());
        }
        return outer.get(0);
    }

    /** The argument's text is part of the framework's message, which logback formats when TimberLog maps the event. */
    @Test
    void log_argumentWhoseToStringLogs_storesTheEventIntact() {
        AppenderHarness app = start();
        LazyEntity entity = new LazyEntity(app, "Order#7");
        app.info("loaded {}", entity);
        assertStoredIntact(entity, "loaded Order#7", List.of(Value.of("Order#7")));
    }

    /** An argument no placeholder shows: TimberLog renders it itself, as it stores the event. */
    @Test
    void log_unshownArgumentWhoseToStringLogs_storesTheEventIntact() {
        AppenderHarness app = start();
        LazyEntity entity = new LazyEntity(app, "Order#8");
        app.info("loaded {}", "order 8", entity);
        assertTrue(entity.loadedWhileCapturing);
        assertStoredIntact(entity, "loaded order 8", List.of(Value.of("order 8"), Value.of("Order#8")));
    }

    /** An exception's message: logback reads it as it makes the event, log4j2 when TimberLog maps it. */
    @Test
    void log_exceptionWhoseMessageLogs_storesTheEventIntact() {
        AppenderHarness app = start();
        LazyFailure failure = new LazyFailure(app);
        app.info("loaded {}", "order 9", failure);
        LogEvent stored = assertStoredIntact(failure.lookup, "loaded order 9", List.of(Value.of("order 9")));
        assertEquals("no such order", stored.throwable().message());
    }

    /** An application whose every event has an argument that logs: the nested events reuse mappers. */
    @Test
    void log_manyEventsWhoseArgumentLogs_buildsNoMapperPerEvent() {
        AppenderHarness app = start();
        app.info("loaded {}", new LazyEntity(app, "Order#0"));
        int before = mappersBuilt();
        LazyEntity entity = null;
        for (int i = 1; i <= 100; i++) {
            entity = new LazyEntity(app, "Order#" + i);
            app.info("loaded {}", entity);
        }
        assertEquals(0, mappersBuilt() - before, "mappers built for 100 events");
        List<LogEvent> events = stored();
        assertEquals(101, byLogger(events, "app").size());
        boolean nestedStored = !(entity.loadedWhileCapturing && frameworkDropsNestedEvents());
        assertEquals(nestedStored ? 101 : 0, byLogger(events, "org.hibernate.SQL").size());
    }

    @Test
    void log_unshownArgumentWhoseToStringLogs_onAVirtualThread_storesTheEventIntact() throws Exception {
        VirtualThreadTasks.assumeAvailable();
        AppenderHarness app = start();
        LazyEntity entity = new LazyEntity(app, "Order#8");
        VirtualThreadTasks.call(() -> {
            app.info("loaded {}", "order 8", entity);
            return null;
        });
        assertStoredIntact(entity, "loaded order 8", List.of(Value.of("order 8"), Value.of("Order#8")));
    }

    /**
     * Each render logs one more event with the argument, one level deeper: TimberLog stores them to a
     * small depth, then drops, counts and reports the next, which ends the recursion.
     */
    @Test
    void log_argumentThatLogsItselfWheneverRendered_endsAndCountsTheDrop() {
        AppenderHarness app = start();
        SelfLogging self = new SelfLogging(app);
        app.info("recursive {}", "unshown", self);
        app.info("after");
        long dropped = app.store().droppedEvents();
        List<String> warnings = app.warnings();
        List<LogEvent> events = byLogger(stored(), "app");
        if (frameworkDropsNestedEvents()) {
            assertEquals(1, self.renders);
            assertEquals(List.of("recursive unshown", "after"), Stores.messages(events));
            assertEquals(0, dropped);
        } else {
            assertEquals(3, self.renders, "the event and two nested ones rendered, the third nested one dropped");
            assertEquals(List.of("recursive unshown", "recursive unshown", "recursive unshown", "after"),
                    Stores.messages(events));
            assertEquals(1, dropped);
            assertTrue(warnings.stream().anyMatch(w -> w.contains("nested")), warnings.toString());
        }
        for (LogEvent e : events.subList(0, events.size() - 1)) {
            assertEquals(List.of(Value.of("unshown"), Value.of("self")), e.arguments());
        }
    }
}
