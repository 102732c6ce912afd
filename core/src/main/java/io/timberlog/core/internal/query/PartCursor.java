package io.timberlog.core.internal.query;

import io.timberlog.core.LogEvent;

import java.io.Closeable;
import java.io.IOException;

/** The matching events of one part of a store, in one direction. Not thread-safe. */
public interface PartCursor extends Closeable {
    /** The next matching event, or {@code null} when the part has no more. */
    LogEvent next() throws IOException;
}
