package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.FsyncPolicy;
import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.testing.FileDamage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** What sync() makes durable, and what a writer reuses after a power loss: the bugs PowerLossTest found. */
class WalDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void sync_underFsyncNever_forcesTheFilesSealedSinceTheLastSync() throws Exception {
        ForceRecordingIo io = new ForceRecordingIo();
        List<Long> completed = new CopyOnWriteArrayList<>();
        StoreOptions options = StoreOptions.builder(dir).fsync(FsyncPolicy.NEVER).maxWalSize(StoreOptions.MIN_WAL_SIZE)
                .problemListener((m, c) -> { }).build();
        WalWriter writer = WalWriter.open(options, WalFixtures.RUN, 1, 0, (id, file) -> completed.add(id), io);
        try {
            CapturedEvent e = new CapturedEvent();
            for (int i = 0; completed.isEmpty(); i++) { // until the flusher has handed on a sealed file
                assertTrue(writer.append(WalFixtures.event(e, i)));
                if (i % 1000 == 999) {
                    Thread.sleep(5);
                }
            }
            assertTrue(writer.sync());
            long sealed = completed.get(0);
            byte[] durable = io.durableCopy().get(sealed);
            assertNotNull(durable, "WAL file " + sealed + " was forced");
            assertArrayEquals(Files.readAllBytes(WalFiles.path(dir, sealed)), durable,
                    "everything published in WAL file " + sealed + " is durable after sync()");
        } finally {
            writer.close(0);
        }
    }

    @Test
    void open_afterAWalHeaderWasGarbled_doesNotReuseTheSequencesOfItsEvents() throws Exception {
        List<Path> files = WalFixtures.writeStore(dir, 50);
        assertEquals(1, files.size());
        FileDamage.flipByte(files.get(0), WalFormat.HEADER_WAL_ID_OFFSET); // the header's CRC no longer matches
        Files.deleteIfExists(dir.resolve(WalFiles.META)); // nothing else remembers the sequence numbers
        try (LogStore store = LogStore.open(WalFixtures.quietOptions(dir).build())) {
            assertTrue(store.append(new CapturedEvent().message("after the damage", MessageStyle.LITERAL)));
        }
        Set<Long> sequences = new HashSet<>();
        long after = -1;
        for (LogEvent e : io.timberlog.core.testing.WalFixtures.readAll(dir)) {
            assertTrue(sequences.add(e.sequence()), "sequence " + e.sequence() + " twice");
            if (e.message().equals("after the damage")) {
                after = e.sequence();
            }
        }
        assertEquals(51, sequences.size(), "the 50 events of the damaged file and the new one: " + sequences);
        assertEquals(50, after);
    }
}
