package io.timberlog.core.internal.wal;

import io.timberlog.core.internal.io.Mapping;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The WAL I/O of a power-loss test: forces for real, and keeps a copy of what each force made durable,
 * per WAL id (read from the file's header in the mapping). After a power loss a WAL file holds at least
 * these bytes; everything else in it may be old, new, torn or garbage.
 *
 * <p>Thread-safe: the flusher forces while the test thread copies.
 */
final class ForceRecordingIo extends WalIo {
    private final Map<Long, byte[]> durable = new HashMap<>();

    @Override
    void force(Mapping mapping, int from, int to) {
        super.force(mapping, from, to);
        ByteBuffer buffer = mapping.buffer();
        long walId = buffer.getLong(WalFormat.HEADER_WAL_ID_OFFSET);
        synchronized (durable) {
            byte[] bytes = durable.computeIfAbsent(walId, id -> new byte[buffer.capacity()]);
            buffer.duplicate().position(from).get(bytes, from, to - from);
        }
    }

    @Override
    void forceFile(Path path) throws IOException {
        super.forceFile(path);
        byte[] bytes = Files.readAllBytes(path);
        long walId = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(WalFormat.HEADER_WAL_ID_OFFSET);
        synchronized (durable) {
            durable.put(walId, bytes);
        }
    }

    /** A copy of the durable bytes of every WAL file forced so far, by id. */
    Map<Long, byte[]> durableCopy() {
        Map<Long, byte[]> copy = new HashMap<>();
        synchronized (durable) {
            durable.forEach((id, bytes) -> copy.put(id, bytes.clone()));
        }
        return copy;
    }
}
