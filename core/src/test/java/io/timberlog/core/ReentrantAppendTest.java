package io.timberlog.core;

import io.timberlog.testing.Stores;
import io.timberlog.testing.VirtualThreadTasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An append that, while the store encodes its event, leads to another append on the same thread: an
 * argument rendered by the store (an object the framework's message does not show) whose
 * {@code toString()} logs, as a Hibernate entity that loads itself lazily logs its SQL.
 */
class ReentrantAppendTest {
    @TempDir
    Path dir;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    /**
     * "loaded {}" with a second argument that no placeholder shows: the framework's message gives the
     * first argument's text, the store renders the second itself, while it encodes the event.
     */
    private static CapturedEvent loaded(Object shown, Object extra) {
        return new CapturedEvent().logger("app.orders").message("loaded {}", MessageStyle.SLF4J)
                .renderedBy("loaded " + shown).addArgument(shown).addArgument(extra);
    }

    private LogStore open() throws Exception {
        return LogStore.open(StoreOptions.builder(dir).problemListener((message, cause) -> problems.add(message)).build());
    }

    /** Appends an event whose second argument's toString() appends "select * from orders where id = 7". */
    private static boolean appendWithLoggingArgument(LogStore store) {
        Object entity = new Object() {
            @Override
            public String toString() {
                assertTrue(store.append(new CapturedEvent().level(Level.DEBUG).logger("org.hibernate.SQL")
                        .message("select * from {} where id = {}", MessageStyle.SLF4J)
                        .addArgument("orders").addArgument(7)), "the nested append is stored");
                return "Order#7";
            }
        };
        return store.append(loaded("order 7", entity));
    }

    private void assertBothStoredIntact() {
        List<LogEvent> events = Stores.read(dir);
        List<String> messages = Stores.messages(events);
        assertEquals(List.of("select * from orders where id = 7", "loaded order 7"), messages);
        LogEvent outer = events.get(1);
        assertEquals("app.orders", outer.logger());
        assertEquals("loaded {}", outer.template());
        assertEquals(List.of(Value.of("order 7"), Value.of("Order#7")), outer.arguments());
        LogEvent nested = events.get(0);
        assertEquals("org.hibernate.SQL", nested.logger());
        assertEquals(List.of(Value.of("orders"), Value.of(7)), nested.arguments());
    }

    @Test
    void append_argumentWhoseToStringAppends_storesBothEventsIntact() throws Exception {
        try (LogStore store = open()) {
            assertTrue(appendWithLoggingArgument(store));
            assertEquals(0, store.stats().droppedEvents());
        }
        assertBothStoredIntact();
    }

    @Test
    void append_argumentWhoseToStringAppends_onAVirtualThread_storesBothEventsIntact() throws Exception {
        VirtualThreadTasks.assumeAvailable();
        try (LogStore store = open()) {
            assertTrue(VirtualThreadTasks.call(() -> appendWithLoggingArgument(store)));
            assertEquals(0, store.stats().droppedEvents());
        }
        assertBothStoredIntact();
    }

    /** An argument that appends an event with itself whenever the store renders it: each is one level deeper. */
    private static final class SelfLogging {
        final LogStore store;
        int renders;

        SelfLogging(LogStore store) {
            this.store = store;
        }

        @Override
        public String toString() {
            int depth = ++renders;
            if (depth <= 1_000) { // bounded, so that a missing bound shows as 1,000 events, not a stack overflow
                store.append(loaded("depth " + depth, this));
            }
            return "self " + depth;
        }
    }

    @Test
    void append_argumentWhoseToStringAppendsItself_endsAndCountsWhatItDrops() throws Exception {
        SelfLogging self;
        long dropped;
        try (LogStore store = open()) {
            self = new SelfLogging(store);
            assertTrue(store.append(loaded("depth 0", self)));
            assertTrue(store.append(loaded("after", "plain")));
            dropped = store.stats().droppedEvents();
        }
        List<LogEvent> events = Stores.read(dir).stream().filter(e -> e.logger().equals("app.orders"))
                .collect(Collectors.toList());
        List<String> messages = Stores.messages(events);
        assertTrue(self.renders < 10, self.renders + " renders: the nesting is not bounded");
        assertEquals(1, dropped, "the event nested too deep is dropped and counted");
        assertTrue(problems.stream().anyMatch(p -> p.contains("nested")), problems.toString());
        assertEquals("loaded depth 0", messages.get(messages.size() - 2), messages.toString());
        assertEquals("loaded after", messages.get(messages.size() - 1));
        assertEquals(self.renders, events.size() - 1, "every render but the one too deep stored its event: " + messages);
        for (LogEvent e : events) {
            assertEquals(2, e.arguments().size(), e.toString());
        }
    }
}
