package io.timberlog.core.internal.wal;

import io.timberlog.core.internal.io.Mapping;
import java.nio.file.Path;

/** A WAL file with all its blocks allocated (zero-filled) and mapped, waiting to become the current one. */
final class PreparedWal {
    final long walId;
    final Path path;
    final Mapping mapping;

    PreparedWal(long walId, Path path, Mapping mapping) {
        this.walId = walId;
        this.path = path;
        this.mapping = mapping;
    }
}
