package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What every part of one query shares: the filter, where damaged ranges go, and how many bytes have
 * been read, for a progress display on another thread. Damage is recorded by the reading thread only.
 */
public final class ReadContext {
    private final EventFilter filter;
    private final List<Damage> damages = new ArrayList<>();
    private volatile long bytesRead;
    private volatile long bytesToRead;

    public ReadContext(EventFilter filter) {
        this.filter = filter;
    }

    public EventFilter filter() {
        return filter;
    }

    public void damage(Damage d) {
        damages.add(d);
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

    public long bytesRead() {
        return bytesRead;
    }

    public long bytesToRead() {
        return bytesToRead;
    }
}
