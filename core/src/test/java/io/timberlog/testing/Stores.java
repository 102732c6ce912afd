package io.timberlog.testing;

import io.timberlog.core.LogEvent;
import io.timberlog.core.StoreReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads what a store kept, failing on corruption (room a crashed writer left unfilled is not corruption). */
public final class Stores {
    private Stores() {
    }

    public static List<LogEvent> read(Path dir) {
        List<LogEvent> events = new ArrayList<>();
        try {
            StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(events::add);
            if (!summary.corruption().isEmpty()) {
                throw new AssertionError("corrupt store " + dir + ": " + summary.corruption());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    public static List<String> messages(List<LogEvent> events) {
        return events.stream().map(LogEvent::message).collect(Collectors.toList());
    }
}
