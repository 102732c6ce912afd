package io.timberlog.core.internal.query;

/** A place in a store's WAL: a file id and an offset in it. A file id may name a file not created yet. Immutable. */
public final class WalPosition {
    final long walId;
    final long offset;

    public WalPosition(long walId, long offset) {
        this.walId = walId;
        this.offset = offset;
    }
}
