package io.timberlog.core;

/**
 * What an append does when the store cannot take the event right now: the next WAL file is not
 * ready yet (the disk is slower than the application) or cannot be created (disk full). Dropped
 * events are counted, and once writing recovers the store records a synthetic event saying how many
 * were dropped between which times.
 */
public enum OverloadPolicy {
    /**
     * Wait up to {@code blockTimeout} for room (the next WAL file being prepared), then drop. While the
     * next file cannot be created (a full disk), drop at once: no wait helps before the next try.
     */
    BLOCK,
    /** Drop at once. */
    DROP
}
