package io.timberlog.core.internal.wal;

import java.nio.file.Path;

/**
 * Told by the flusher when a WAL file is complete: sealed, every record published, forced as the
 * fsync policy asks, and no longer written by anyone. The segment manager converts such files.
 * Called on the flusher thread: implementations hand the work to their own thread and return.
 */
public interface SealedWalListener {
    SealedWalListener NONE = (walId, file) -> { };

    void walCompleted(long walId, Path file);
}
