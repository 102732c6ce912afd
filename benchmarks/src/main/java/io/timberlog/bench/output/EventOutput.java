package io.timberlog.bench.output;

import io.timberlog.bench.OutputKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Reads back what a contender wrote into a run's directory: the order number of every whole event. */
public interface EventOutput {
    /** Calls {@code orderNumbers} with the first argument of each complete event found. */
    void read(Path runDirectory, LongConsumer orderNumbers) throws IOException;

    static EventOutput of(OutputKind kind) {
        switch (kind) {
            case TEXT:
                return new TextOutput();
            case TIMBERLOG_STORE:
                return new StoreOutput();
            case CHRONICLE_QUEUE:
                return new ChronicleQueueOutput();
            default:
                throw new IllegalArgumentException(kind + " has no events to read");
        }
    }
}
