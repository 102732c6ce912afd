package io.timberlog.core.query;

import io.timberlog.core.Damage;
import io.timberlog.core.internal.query.MergeCursor;
import io.timberlog.core.internal.query.ReadContext;
import io.timberlog.core.internal.query.StoreStream;
import io.timberlog.core.internal.query.WalTail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The events a query finds, streamed as the stores are read: oldest first, or newest first for a
 * reversed query; for {@link Query#last(int)} only the newest matches, found by reading backwards and
 * holding no more than that many. I/O errors come out of {@link #hasNext()} and {@link #next()} as
 * {@link UncheckedIOException}. Damaged ranges do not stop the query; they are collected in
 * {@link #damages()}.
 *
 * <p>Not thread-safe, except {@link #bytesRead()} and {@link #bytesToRead()}, which a progress display
 * may call from another thread.
 */
public final class QueryResult implements Iterator<QueryHit>, AutoCloseable {
    private final StoreSet stores;
    private final Query query;
    private final ReadContext context;
    private final MergeCursor cursor;
    private List<QueryHit> lastHits;
    private int lastIndex;
    private QueryHit next;
    private boolean exhausted;
    private boolean followed;

    QueryResult(StoreSet stores, Query query, ReadContext context, MergeCursor cursor) {
        this.stores = stores;
        this.query = query;
        this.context = context;
        this.cursor = cursor;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !exhausted) {
            try {
                next = query.last() > 0 ? nextOfLast() : cursor.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            exhausted = next == null;
        }
        return next != null;
    }

    private QueryHit nextOfLast() throws IOException {
        if (lastHits == null) {
            lastHits = new ArrayList<>(Math.min(query.last(), 1 << 16));
            for (QueryHit h; lastHits.size() < query.last() && (h = cursor.next()) != null; ) {
                lastHits.add(h);
            }
            lastIndex = query.reverse() ? 0 : lastHits.size() - 1;
        }
        if (lastIndex < 0 || lastIndex >= lastHits.size()) {
            return null;
        }
        QueryHit h = lastHits.get(lastIndex);
        lastHits.set(lastIndex, null);
        lastIndex += query.reverse() ? 1 : -1;
        return h;
    }

    @Override
    public QueryHit next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        QueryHit h = next;
        next = null;
        return h;
    }

    /** Damaged ranges met so far; unpublished room of a live or crashed writer included. */
    public List<Damage> damages() {
        return context.damages();
    }

    /** Bytes of store files read so far. */
    public long bytesRead() {
        return context.bytesRead();
    }

    /** Bytes of store files the query reads in all (parts it could skip not counted). */
    public long bytesToRead() {
        return context.bytesToRead();
    }

    /**
     * Follows the stores from where this result ended: new events as writers append them, also across
     * file rotations and conversions into segments, and stores that appear later (a new fallback
     * store). Only after the result was read to its end; call it once.
     *
     * @throws IllegalStateException when the result still has events, or was followed already
     */
    public Follower follow() {
        if (hasNext()) {
            throw new IllegalStateException("read the query's result to its end before following");
        }
        if (followed) {
            throw new IllegalStateException("the result is followed already");
        }
        followed = true;
        List<WalTail> tails = new ArrayList<>();
        List<Damage> damages = context.damages();
        for (StoreStream s : cursor.streams()) {
            tails.add(s.follow(damages));
        }
        return new Follower(stores, context.filter(), tails);
    }

    @Override
    public void close() throws IOException {
        cursor.close();
    }
}
