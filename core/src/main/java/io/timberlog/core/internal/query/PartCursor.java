package io.timberlog.core.internal.query;

import java.io.Closeable;
import java.io.IOException;

/** The matching events of one part of a store, in one direction. Not thread-safe. */
public interface PartCursor extends Closeable {
    /** The next matching event, or {@code null} when the part has no more. */
    PartHit next() throws IOException;

    /** Starts the work of the first {@link #next} (reading and decoding ahead), when the cursor does such work ahead. */
    default void prefetch() throws IOException {
    }

    /**
     * True when the cursor has work enough of its own to keep the block workers busy, or does its work on
     * the reading thread: then the next part is opened only when it is needed. False for a segment with
     * only a few blocks to read, whose next segment is worth starting early.
     */
    default boolean busiesTheWorkers() {
        return true;
    }
}
