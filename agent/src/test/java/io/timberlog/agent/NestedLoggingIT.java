package io.timberlog.agent;

import io.timberlog.agent.AgentJvm.Libs;
import io.timberlog.agent.apps.NestedLoggingApp;
import io.timberlog.core.KeyValue;
import io.timberlog.core.LogEvent;
import io.timberlog.core.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applications whose logged objects log while the agent captures them ({@link NestedLoggingApp}): the
 * agent captures where the framework hands events to its appenders, so no appender's guard is in its way,
 * and stores the events logged meanwhile too, two deep at most: the argument that logs itself whenever it
 * is rendered is rendered three times, and the event its third render logs is dropped and counted.
 */
class NestedLoggingIT {
    private static final String SQL = "select * from orders where id = 7";

    @TempDir
    Path tmp;

    @Test
    void logback13_eventsLoggedWhileCapturing_storedIntactAndBounded() throws Exception {
        run(Libs.LOGBACK13, "logback");
    }

    @Test
    void logback15_eventsLoggedWhileCapturing_storedIntactAndBounded() throws Exception {
        run(Libs.LOGBACK15, "logback");
    }

    @Test
    void log4j2_eventsLoggedWhileCapturing_storedIntactAndBounded() throws Exception {
        run(Libs.LOG4J2, "log4j2");
    }

    /** Also what the logger's filter logs the first time it is asked, between the agent's two looks at the record. */
    @Test
    void javaUtilLogging_eventsLoggedWhileCapturing_storedIntactAndBounded() throws Exception {
        List<LogEvent> events = run(Libs.NONE, "jul");
        assertEquals(List.of("rules loaded"), byLogger(events, "app.rules").stream().map(LogEvent::message)
                .collect(Collectors.toList()));
    }

    private List<LogEvent> run(Libs libs, String framework) throws Exception {
        Path store = tmp.resolve("store");
        Path output = tmp.resolve("child.out");
        Process child = AgentJvm.start("dir=" + store, List.of(), AgentJvm.classPath(libs.jars()), output,
                NestedLoggingApp.class, framework);
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), () -> AgentJvm.printed(output));
            assertEquals(0, child.exitValue(), () -> AgentJvm.printed(output));
        } finally {
            child.destroyForcibly();
        }

        List<LogEvent> events = Captured.all(store);
        List<LogEvent> sql = byLogger(events, "org.hibernate.SQL");
        assertEquals(List.of(SQL, SQL, SQL), sql.stream().map(LogEvent::message).collect(Collectors.toList()),
                events::toString);
        List<LogEvent> app = byLogger(events, "app");
        assertEquals(List.of("recursive unshown", "recursive unshown", "recursive unshown", "after"),
                app.stream().map(LogEvent::message).filter(m -> !m.startsWith("loaded ")).collect(Collectors.toList()));
        assertStored(app, "loaded Order#7", List.of(Value.of("Order#7")));
        assertStored(app, "loaded order 8", List.of(Value.of("order 8"), Value.of("Order#8")));
        LogEvent failed = assertStored(app, "loaded order 9", List.of(Value.of("order 9")));
        assertEquals("no such order", failed.throwable().message());
        for (LogEvent recursive : app.subList(3, 6)) {
            assertEquals(List.of(Value.of("unshown"), Value.of("self")), recursive.arguments());
        }
        List<LogEvent> drops = byLogger(events, "io.timberlog.store");
        assertEquals(1, drops.size(), () -> events.toString());
        assertTrue(drops.get(0).keyValues().contains(new KeyValue("dropped", Value.of(1))), drops.toString());
        assertTrue(Files.readAllLines(output).contains("renders 3"), () -> AgentJvm.printed(output));
        return events;
    }

    private static List<LogEvent> byLogger(List<LogEvent> events, String logger) {
        return events.stream().filter(e -> e.logger().equals(logger)).collect(Collectors.toList());
    }

    private static LogEvent assertStored(List<LogEvent> events, String message, List<Value> arguments) {
        List<LogEvent> found = events.stream().filter(e -> e.message().equals(message)).collect(Collectors.toList());
        assertEquals(1, found.size(), message + " in " + events);
        assertEquals(arguments, found.get(0).arguments(), message);
        return found.get(0);
    }
}
