package io.timberlog.core;

/**
 * When the store forces written events from the page cache to the disk. Every policy survives a
 * process crash (kill -9, OOM killer, JVM crash): an appended event is in the page cache the moment
 * append returns. The policy decides what a power loss or kernel panic can take.
 */
public enum FsyncPolicy {
    /** Leave it to the operating system's writeback (typically within 30 s). */
    NEVER,
    /** A background thread forces every {@code fsyncInterval} (default 1 s): at most that much is lost. */
    INTERVAL,
    /** Every append waits until its event is forced (appends that arrive together share one force). */
    ALWAYS
}
