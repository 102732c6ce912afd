package io.timberlog.core;

import io.timberlog.core.internal.io.ProcessInfo;
import io.timberlog.core.internal.manifest.ManifestLoader;
import io.timberlog.core.internal.manifest.NewerVersionCheck;
import io.timberlog.core.internal.manifest.SegmentManager;
import io.timberlog.core.internal.wal.StoreLock;
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
     * segments not in the manifest), rebuilds a missing or damaged manifest, and applies the options'
     * retention. Returns how many WAL files were converted.
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
            return segments.convertAllNow(Long.MAX_VALUE);
        } finally {
            lock.close();
        }
    }
}
