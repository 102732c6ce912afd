package io.timberlog.core.internal.wal;

import io.timberlog.core.internal.io.FileOps;

import java.io.IOException;
import io.timberlog.core.internal.io.Mapping;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The operations of the write path that fail in ways a test cannot provoke on a healthy disk: creating
 * a WAL file (disk full, permission denied) and forcing it (an I/O error on fsync). Tests override them
 * to inject those failures or to record what was made durable; the store uses {@link #REAL}.
 */
class WalIo {
    static final WalIo REAL = new WalIo();

    /** Creates a new WAL file for reading and writing. */
    FileChannel createWalFile(Path path) throws IOException {
        return FileOps.createNew(path);
    }

    /** Forces the dirty pages of bytes {@code [from, to)} of a mapping to disk (msync). */
    void force(Mapping mapping, int from, int to) {
        mapping.force(from, to);
    }

    /** Forces a WAL file whose mapping is gone (fsync of the file). */
    void forceFile(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(false);
        }
    }
}
