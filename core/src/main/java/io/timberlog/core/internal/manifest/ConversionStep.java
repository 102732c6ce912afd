package io.timberlog.core.internal.manifest;

/**
 * The steps of converting one WAL file into a segment, in order. A crash after any of them leaves a
 * store that reads every event exactly once and that the next start finishes converting: the WAL
 * file stays until the manifest lists its segment, and readers skip WAL files the manifest lists.
 */
enum ConversionStep {
    /** The segment is complete under its final name, but not listed: an orphan until the manifest is written. */
    SEGMENT_WRITTEN,
    /** The manifest lists the segment; the WAL file is still there, and readers skip it. */
    MANIFEST_WRITTEN,
    /** The WAL file is gone. */
    WAL_DELETED;

    /** Told after each step; tests use it to stop a conversion there, as a crash would. */
    interface Listener {
        Listener NONE = step -> { };

        void after(ConversionStep step);
    }
}
