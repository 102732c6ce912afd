package io.timberlog.core.internal.query;

import io.timberlog.core.internal.wal.WalFiles;

import java.nio.file.Path;

/** A place in a store's WAL: a file id and an offset in it. A file id may name a file not created yet. Immutable. */
public final class WalPosition {
    final long walId;
    final long offset;

    public WalPosition(long walId, long offset) {
        this.walId = walId;
        this.offset = offset;
    }

    /** The WAL file of this position in {@code store}. */
    public Path file(Path store) {
        return WalFiles.path(store, walId);
    }
}
