package io.timberlog.core;

import io.timberlog.core.internal.io.ProcessInfo;
import io.timberlog.core.internal.manifest.Manifest;
import io.timberlog.core.internal.manifest.ManifestLoader;
import io.timberlog.core.internal.manifest.NewerVersionCheck;
import io.timberlog.core.internal.manifest.SegmentManager;
import io.timberlog.core.internal.wal.StoreLock;
import io.timberlog.core.internal.wal.WalFormat;
import io.timberlog.core.internal.wal.WalMeta;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Work on a store that no process is writing: what {@code timberlog compact DIR} runs. Takes the
 * store's lock for the duration, so it refuses a store that an application has open.
 */
public final class StoreMaintenance {
    private StoreMaintenance() {
    }

    /** Compacts with the default options (retention included); see {@link #compact(StoreOptions)}. */
    public static int compact(Path directory) throws IOException {
        return compact(StoreOptions.builder(directory).build());
    }

    /**
     * Converts every WAL file of the store into segments, cleans up what crashes left (temporary files,
     * segments not in the manifest), rebuilds a missing or damaged manifest, applies the options'
     * retention, and raises a {@code wal.meta} left behind by a crashed run to the highest WAL id and
     * sequence number the segments hold, which the next writer goes on from. Returns how many WAL files
     * were converted.
     *
     * @throws NotAStoreException when the directory holds no store
     * @throws StoreLockedException when a process writes the store
     * @throws UnsupportedFormatException when the store was written by a newer TimberLog
     */
    public static int compact(StoreOptions options) throws IOException {
        Path dir = options.directory();
        StoreReader.open(dir); // checks that it is a store we can read
        if (WalMeta.isNewerVersion(dir)) {
            throw new UnsupportedFormatException(dir + " was written by a newer version of TimberLog");
        }
        RunInfo run = new RunInfo(System.currentTimeMillis() * 1_000_000L, ProcessInfo.pid(), ProcessInfo.hostName(),
                ProcessInfo.runNonce());
        StoreLock lock = StoreLock.acquire(dir, run);
        try {
            NewerVersionCheck.check(dir);
            SegmentManager segments = SegmentManager.open(options, ManifestLoader.load(dir));
            int converted = segments.convertAllNow(Long.MAX_VALUE);
            raiseWalMeta(dir, segments.manifest());
            return converted;
        } finally {
            lock.close();
        }
    }

    /**
     * A writer goes on from the WAL id and sequence number that wal.meta names without reading the
     * manifest (see {@link LogStore#open}), because its own conversions never get ahead of the meta. A
     * crashed run's meta is as of its flusher's last update, though, and the compaction has just
     * converted the file it names and any after it. So the meta is raised to what the segments now hold,
     * and the next writer reuses neither their WAL ids (its file would be skipped by readers and deleted
     * by its conversion) nor their sequence numbers.
     */
    private static void raiseWalMeta(Path dir, Manifest manifest) throws IOException {
        WalMeta.State meta = WalMeta.read(dir);
        if (meta == null) {
            return; // a writer without a meta reads the manifest
        }
        long walId = Math.max(meta.walId, manifest.highestWalId());
        long nextSequence = Math.max(meta.nextSequence, manifest.highestSequence() + 1);
        if (walId == meta.walId && nextSequence == meta.nextSequence || !WalMeta.canRecord(walId, nextSequence)) {
            return; // not behind; or a manifest no writer made, whose values no meta can carry
        }
        WalMeta writer = WalMeta.openForWriting(dir);
        try {
            // the offset of a file that is gone: nothing of it is left to read
            writer.write(walId, WalFormat.HEADER_SIZE, nextSequence, true);
        } finally {
            writer.close();
        }
    }
}
