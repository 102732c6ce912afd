package io.timberlog.core;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A chain of causes longer than a stored event keeps: described without following it to its end. */
class ThrowableCaptureDepthTest {
    @TempDir
    Path dir;

    private static Throwable chainOfCauses(int wrappers) {
        Throwable t = new IllegalStateException("root");
        for (int i = 0; i < wrappers; i++) {
            t = new RuntimeException("wrapper " + i, t);
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(MessageStyle.class)
    void from_hundredThousandCauses_storedCutWithTheRootCauseLast(MessageStyle style) throws Exception {
        Throwable t = chainOfCauses(100_000);
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).problemListener((m, c) -> { }).build())) {
            assertTrue(store.append(new CapturedEvent().message("failed", style).throwable(ThrowableInfo.from(t, style))));
        }
        List<LogEvent> events = new ArrayList<>();
        StoreReader.open(dir).readAll(events::add);
        assertEquals(1, events.size());
        assertTrue(events.get(0).isTruncated());
        ThrowableInfo stored = events.get(0).throwable();
        assertEquals("wrapper 99999", stored.message());
        int levels = 1;
        for (; stored.cause() != null; stored = stored.cause()) {
            levels++;
        }
        assertEquals(64, levels);
        assertEquals("java.lang.IllegalStateException: root", stored.toStringText());
    }
}
