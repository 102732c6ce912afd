package io.timberlog.core.query;

import java.util.Objects;

/** The files of one store: how many of each kind and how many bytes they take. Immutable. */
public final class StoreSummary {
    private final StoreRef store;
    private final int walFiles;
    private final long walBytes;
    private final int segments;
    private final long segmentBytes;
    private final long bytesOnDisk;

    public StoreSummary(StoreRef store, int walFiles, long walBytes, int segments, long segmentBytes,
                        long bytesOnDisk) {
        this.store = Objects.requireNonNull(store, "store");
        this.walFiles = walFiles;
        this.walBytes = walBytes;
        this.segments = segments;
        this.segmentBytes = segmentBytes;
        this.bytesOnDisk = bytesOnDisk;
    }

    public StoreRef store() {
        return store;
    }

    /** The WAL files in the store's directory, the one a writer made ahead for its next rotation included. */
    public int walFiles() {
        return walFiles;
    }

    /** Bytes the WAL files take on disk (preallocated room included). */
    public long walBytes() {
        return walBytes;
    }

    public int segments() {
        return segments;
    }

    public long segmentBytes() {
        return segmentBytes;
    }

    /** Every file of the store, fallback stores inside it not counted. */
    public long bytesOnDisk() {
        return bytesOnDisk;
    }
}
