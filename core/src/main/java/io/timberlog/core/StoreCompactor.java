package io.timberlog.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Converts the WAL files of a stopped or crashed writer into segments, offline: what
 * {@code timberlog compact DIR} runs. The segment engine provides the implementation as a service
 * ({@code META-INF/services/io.timberlog.core.StoreCompactor}); a build without one has none, and
 * {@link #find()} says so.
 *
 * <p>Implementations are thread-safe.
 */
public interface StoreCompactor {
    /**
     * Converts every WAL file of {@code store} that no segment holds yet.
     *
     * @throws StoreLockedException when a writer holds the store
     * @throws NotAStoreException when {@code store} is not a store
     */
    Result compact(Path store) throws IOException;

    /** The implementation in this build, if there is one. */
    static Optional<StoreCompactor> find() {
        Iterator<StoreCompactor> found = ServiceLoader.load(StoreCompactor.class, StoreCompactor.class.getClassLoader())
                .iterator();
        return found.hasNext() ? Optional.of(found.next()) : Optional.empty();
    }

    /** What a compaction did. Immutable. */
    final class Result {
        private final int walFiles;
        private final int segments;
        private final long events;

        public Result(int walFiles, int segments, long events) {
            this.walFiles = walFiles;
            this.segments = segments;
            this.events = events;
        }

        /** WAL files converted (and removed). */
        public int walFiles() {
            return walFiles;
        }

        /** Segments written. */
        public int segments() {
            return segments;
        }

        /** Events moved from WAL files into segments. */
        public long events() {
            return events;
        }
    }
}
