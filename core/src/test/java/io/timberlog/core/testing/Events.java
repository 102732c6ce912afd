package io.timberlog.core.testing;

import io.timberlog.core.KeyValue;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.RunInfo;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Events with every field filled in, and a comparison of every field, for round-trip tests. */
public final class Events {
    private Events() {
    }

    public static final RunInfo RUN = new RunInfo(1_700_000_000_000_000_000L, 4711, "host-a", 0x9f3eL);

    /** An event using every field: typed and odd arguments, MDC with a null, markers, key-values, a throwable tree. */
    public static LogEvent everyField(long sequence) {
        return everyField(sequence, 1_700_000_000_123_456_789L + sequence * 1_000);
    }

    public static LogEvent everyField(long sequence, long epochNanos) {
        ThrowableInfo cause = ThrowableInfo.of("java.io.IOException", "disk on fire", List.of("a.B.c(B.java:1)"), 3,
                null, List.of());
        ThrowableInfo suppressed = ThrowableInfo.of("java.lang.IllegalStateException", null, List.of("x.Y.z(Y.java:9)"),
                1, ThrowableInfo.circularReference("java.lang.RuntimeException", "boom", "own text"), List.of());
        ThrowableInfo top = ThrowableInfo.of("java.lang.RuntimeException", "boom\nsecond line", "custom toString()",
                List.of("com.acme.Orders.place(Orders.java:42)", "com.acme.Main.main(Main.java:7)"), 0, cause,
                List.of(suppressed));
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("requestId", "r-" + sequence);
        mdc.put("nullValue", null);
        return LogEvent.builder().sequence(sequence).epochNanos(epochNanos)
                .level(Level.ERROR).logger("com.acme.Orders").thread("worker-1")
                .template("order {} for {} took {} ms, {} {} {} {} {}").style(MessageStyle.SLF4J)
                .arguments(List.of(Value.of(4711L + sequence), Value.of("ACME \u00e9\ud83d\ude00 \ud800 10.1.2.3"),
                        Value.of(12.5), Value.of(1.25f), Value.of(true), Value.ofNull(),
                        Value.failedToString("[FAILED toString()]"), Value.of("007 and 42")))
                .mdc(java.util.Collections.unmodifiableMap(mdc)).markers(List.of("AUDIT", "SECURITY"))
                .keyValues(List.of(new KeyValue("customer", Value.of("c-9")), new KeyValue("amount", Value.of(99L)),
                        new KeyValue("ratio", Value.of(0.5)), new KeyValue("none", Value.ofNull())))
                .throwable(top).callerFrames(List.of("com.acme.Orders.place(Orders.java:42)"))
                .truncated(sequence % 2 == 0).run(RUN).build();
    }

    /** A varied stream of events, reproducible from {@code seed}. */
    public static List<LogEvent> mixed(int count, long seed) {
        Random random = new Random(seed);
        List<LogEvent> events = new ArrayList<>(count);
        long time = 1_700_000_000_000_000_000L;
        for (int i = 0; i < count; i++) {
            time += random.nextInt(5_000_000);
            LogEvent.Builder b = LogEvent.builder().sequence(i).epochNanos(time)
                    .level(Level.ofCode(random.nextInt(6))).logger("com.acme.L" + random.nextInt(5))
                    .thread("t-" + random.nextInt(4)).run(i % 3 == 0 ? null : RUN);
            switch (random.nextInt(4)) {
                case 0:
                    b.template("order {} for {} took {} ms").style(MessageStyle.SLF4J).arguments(List.of(
                            Value.of((long) random.nextInt()), Value.of("customer-" + random.nextInt(100)),
                            Value.of((long) random.nextInt(500))));
                    break;
                case 1:
                    b.template("plain message " + random.nextInt(1000)).style(MessageStyle.LITERAL);
                    break;
                case 2:
                    b.template("stored {}").style(MessageStyle.LOG4J2).arguments(List.of(Value.of("x")))
                            .storedMessage("a message the store could not rebuild " + i);
                    break;
                default:
                    events.add(everyField(i, time));
                    continue;
            }
            events.add(b.build());
        }
        return events;
    }

    /** Asserts that every field of two events is the same, the formatted message and exception text too. */
    public static void assertSameEvent(LogEvent expected, LogEvent actual) {
        String at = "event " + expected.sequence();
        assertEquals(expected.sequence(), actual.sequence(), at);
        assertEquals(expected.epochNanos(), actual.epochNanos(), at);
        assertEquals(expected.level(), actual.level(), at);
        assertEquals(expected.logger(), actual.logger(), at);
        assertEquals(expected.thread(), actual.thread(), at);
        assertEquals(expected.template(), actual.template(), at);
        assertEquals(expected.style(), actual.style(), at);
        assertEquals(expected.arguments(), actual.arguments(), at);
        assertEquals(expected.hasStoredMessage(), actual.hasStoredMessage(), at);
        assertEquals(expected.message(), actual.message(), at);
        assertEquals(new ArrayList<>(expected.mdc().entrySet()), new ArrayList<>(actual.mdc().entrySet()), at);
        assertEquals(expected.markers(), actual.markers(), at);
        assertEquals(expected.keyValues(), actual.keyValues(), at);
        assertEquals(expected.throwable(), actual.throwable(), at);
        assertEquals(expected.throwableText(), actual.throwableText(), at);
        assertEquals(expected.callerFrames(), actual.callerFrames(), at);
        assertEquals(expected.isTruncated(), actual.isTruncated(), at);
        assertEquals(expected.run(), actual.run(), at);
    }

    public static void assertSameEvents(List<LogEvent> expected, List<LogEvent> actual) {
        assertEquals(expected.size(), actual.size(), "event count");
        for (int i = 0; i < expected.size(); i++) {
            assertSameEvent(expected.get(i), actual.get(i));
        }
    }
}
