package io.timberlog.core.query;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One store of a {@link StoreSet}: its directory and a short label that says where an event came from,
 * the directory relative to the root that was opened ({@code "."} for the root itself,
 * {@code "fallback/pid-4711"}, {@code "host-a"}). Immutable.
 */
public final class StoreRef {
    private final String label;
    private final Path directory;
    private final int index;

    StoreRef(String label, Path directory, int index) {
        this.label = Objects.requireNonNull(label, "label");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.index = index;
    }

    public String label() {
        return label;
    }

    public Path directory() {
        return directory;
    }

    /** Position of the store in its set; breaks ties between events of different stores. */
    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return label;
    }
}
