package io.timberlog.core.internal.wal;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/** A WAL file with all its blocks allocated (zero-filled) and mapped, waiting to become the current one. */
final class PreparedWal {
    final long walId;
    final Path path;
    final MappedByteBuffer buffer;

    PreparedWal(long walId, Path path, MappedByteBuffer buffer) {
        this.walId = walId;
        this.path = path;
        this.buffer = buffer;
    }
}
