package io.timberlog.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class StoreRoundTripTest {
    @TempDir
    Path dir;

    private StoreOptions.Builder options() {
        return StoreOptions.builder(dir).problemListener((m, c) -> { });
    }

    @Test
    void append_everyField_readsBackIdentical() throws Exception {
        ThrowableInfo cause = ThrowableInfo.of("java.io.IOException", "disk on fire", List.of("a.B.c(B.java:1)"), 3, null, List.of());
        ThrowableInfo suppressed = ThrowableInfo.of("java.lang.IllegalStateException", null, List.of("x.Y.z(Y.java:9)"), 1, null, List.of());
        ThrowableInfo top = ThrowableInfo.of("java.lang.RuntimeException", "boom\nsecond line", "custom toString()",
                List.of("com.acme.Orders.place(Orders.java:42)", "com.acme.Main.main(Main.java:7)"), 0, cause, List.of(suppressed));
        try (LogStore store = LogStore.open(options().build())) {
            CapturedEvent e = new CapturedEvent();
            e.reset().timestamp(1_700_000_000_123_456_789L).level(Level.ERROR).logger("com.acme.Orders").thread("worker-1")
                    .message("order {} for {} took {} ms", MessageStyle.SLF4J)
                    .addArgument(4711).addArgument("ACME \u00e9\ud83d\ude00 \ud800").addArgument(12.5)
                    .putMdc("requestId", "r-1").putMdc("nullValue", null)
                    .addMarker("AUDIT").addKeyValue("customer", "c-9").addKeyValue("amount", 99L)
                    .throwable(top).addCallerFrame("com.acme.Orders.place(Orders.java:42)");
            assertTrue(store.append(e));
            e.reset().level(Level.INFO).logger("plain").thread("main").message("no args here", MessageStyle.LITERAL);
            assertTrue(store.append(e));
        }
        List<LogEvent> events = new ArrayList<>();
        StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(events::add);
        assertEquals(List.of(), summary.damages());
        assertEquals(2, events.size());
        LogEvent a = events.get(0);
        assertEquals(0, a.sequence());
        assertEquals(1_700_000_000_123_456_789L, a.epochNanos());
        assertEquals(Level.ERROR, a.level());
        assertEquals("com.acme.Orders", a.logger());
        assertEquals("worker-1", a.thread());
        assertEquals("order {} for {} took {} ms", a.template());
        assertEquals(List.of(Value.of(4711), Value.of("ACME \u00e9\ud83d\ude00 \ud800"), Value.of(12.5)), a.arguments());
        Map<String, String> mdc = a.mdc();
        assertEquals(2, mdc.size());
        assertEquals("r-1", mdc.get("requestId"));
        assertTrue(mdc.containsKey("nullValue"));
        assertNull(mdc.get("nullValue"));
        assertEquals(List.of("AUDIT"), a.markers());
        assertEquals(List.of(new KeyValue("customer", Value.of("c-9")), new KeyValue("amount", Value.of(99L))), a.keyValues());
        assertEquals(top, a.throwable());
        assertEquals(List.of("com.acme.Orders.place(Orders.java:42)"), a.callerFrames());
        assertFalse(a.isTruncated());
        LogEvent b = events.get(1);
        assertEquals(1, b.sequence());
        assertEquals("no args here", b.message());
        assertEquals(a.run(), b.run());
    }
}
