package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every part of one query shares: the filter, where damaged ranges go, how many bytes have been
 * read (for a progress display on another thread), and how many segment blocks were read and skipped.
 * Damage and blocks are recorded by the reading thread only.
 */
public final class ReadContext {
    private final EventFilter filter;
    private final List<Damage> damages = new ArrayList<>();
    private final Consumer<Damage> damageSink;
    private volatile long bytesRead;
    private volatile long bytesToRead;
    private long blocksRead;
    private long blocksSkipped;

    public ReadContext(EventFilter filter) {
        this.filter = filter;
        this.damageSink = damages::add;
    }

    /** A context whose damaged ranges go to {@code damages} as they are met ({@link #damages()} stays empty). */
    public ReadContext(EventFilter filter, Consumer<Damage> damages) {
        this.filter = filter;
        this.damageSink = damages;
    }

    public EventFilter filter() {
        return filter;
    }

    public void damage(Damage d) {
        damageSink.accept(d);
    }

    /** The damaged ranges met so far, in the order they were found. */
    public List<Damage> damages() {
        return Collections.unmodifiableList(new ArrayList<>(damages));
    }

    /** Counts {@code n} more bytes read; called by the reading thread only. */
    public void read(long n) {
        bytesRead = bytesRead + n;
    }

    /** Announces {@code n} more bytes that the query will read. */
    public void willRead(long n) {
        bytesToRead = bytesToRead + n;
    }

    /** Counts a segment block read and checked; called by the reading thread only. */
    void blockRead() {
        blocksRead++;
    }

    /** Counts a segment block that the block index ruled out, left unread; called by the reading thread only. */
    void blockSkipped() {
        blocksSkipped++;
    }

    /** Segment blocks read so far (for the reading thread). */
    public long blocksRead() {
        return blocksRead;
    }

    /** Segment blocks skipped so far without reading them (for the reading thread). */
    public long blocksSkipped() {
        return blocksSkipped;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long bytesToRead() {
        return bytesToRead;
    }
}
