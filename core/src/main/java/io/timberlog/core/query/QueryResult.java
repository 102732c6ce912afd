package io.timberlog.core.query;

import io.timberlog.core.Damage;
import io.timberlog.core.internal.query.MergeCursor;
import io.timberlog.core.internal.query.ReadContext;
import io.timberlog.core.internal.query.StoreStream;
import io.timberlog.core.internal.query.WalTail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The events a query finds, streamed as the stores are read: oldest first, or newest first for a
 * reversed query; for {@link Query#last(int)} only the newest matches, found by reading backwards.
 * Memory stays bounded whatever the count: newest first, they are handed on as found; oldest first,
 * up to {@link #LAST_HELD} are held and handed on in reverse, and beyond that the backward read only
 * counts, to learn where in each store the last N begin, and a second, forward read hands them on
 * from there. I/O errors come out of {@link #hasNext()} and {@link #next()} as
 * {@link UncheckedIOException}. Damaged ranges do not stop the query; they are collected in
 * {@link #damages()}.
 *
 * <p>Not thread-safe, except {@link #bytesRead()} and {@link #bytesToRead()}, which a progress display
 * may call from another thread.
 */
public final class QueryResult implements Iterator<QueryHit>, AutoCloseable {
    /** The most events a {@link Query#last} query holds to hand them on oldest first (about 10 MB of lines). */
    static final int LAST_HELD = 1 << 16;

    private final StoreSet stores;
    private final Query query;
    private volatile ReadContext context;
    private MergeCursor cursor;
    /** The damage the backward read met, once a forward read took over. */
    private final List<Damage> earlierDamages = new ArrayList<>();
    private long bytesReadBefore;
    private long bytesToReadBefore;
    private List<QueryHit> lastHits;
    /** True once a {@link Query#last} query reads forwards, its events too many to hold. */
    private boolean forwardRead;
    private int lastIndex;
    /** Events of a {@link Query#last} query handed on, or left for the forward read to hand on. */
    private long lastCount;
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
                next = query.last() <= 0 ? cursor.next() : query.reverse() ? nextOfLastNewestFirst() : nextOfLast();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            exhausted = next == null;
        }
        return next != null;
    }

    private QueryHit nextOfLastNewestFirst() throws IOException {
        if (lastCount >= query.last()) {
            return null;
        }
        lastCount++;
        return cursor.next();
    }

    private QueryHit nextOfLast() throws IOException {
        if (forwardRead) {
            return cursor.next();
        }
        if (lastHits == null) {
            lastHits = new ArrayList<>(Math.min(query.last(), LAST_HELD));
            for (QueryHit h; lastHits.size() < query.last() && lastHits.size() < LAST_HELD && (h = cursor.next()) != null; ) {
                lastHits.add(h);
            }
            lastIndex = lastHits.size() - 1;
            if (lastHits.size() == LAST_HELD && query.last() > LAST_HELD) {
                readForwardFromTheLast();
                return cursor.next();
            }
        }
        if (lastIndex < 0) {
            return null;
        }
        QueryHit h = lastHits.get(lastIndex);
        lastHits.set(lastIndex, null);
        lastIndex--;
        return h;
    }

    /**
     * Reads on backwards counting, to the N-th newest match, and then forwards from there. A store's
     * matches come out of the backward merge in its own order, newest first, so the last N of it are
     * those from the oldest one the count reached on.
     */
    private void readForwardFromTheLast() throws IOException {
        long[] from = new long[stores.stores().size()];
        Arrays.fill(from, Long.MAX_VALUE);
        for (QueryHit h : lastHits) {
            from[h.store().index()] = h.sequence();
        }
        lastHits = null;
        long counted = LAST_HELD;
        for (QueryHit h; counted < query.last() && (h = cursor.next()) != null; counted++) {
            from[h.store().index()] = h.sequence();
        }
        earlierDamages.addAll(context.damages());
        bytesReadBefore = context.bytesRead();
        bytesToReadBefore = context.bytesToRead();
        cursor.close();
        ReadContext forward = new ReadContext(context.filter(), query.renderers(), 0);
        cursor = stores.forwardFrom(forward, from);
        context = forward;
        forwardRead = true;
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
        if (earlierDamages.isEmpty()) {
            return context.damages();
        }
        Map<String, Damage> all = new LinkedHashMap<>(); // the forward read meets some of them again
        for (List<Damage> list : List.of(earlierDamages, context.damages())) {
            for (Damage d : list) {
                all.putIfAbsent(d.toString(), d);
            }
        }
        return new ArrayList<>(all.values());
    }

    /** Bytes of store files read so far. */
    public long bytesRead() {
        return bytesReadBefore + context.bytesRead();
    }

    /** Bytes of store files the query reads in all (parts it could skip not counted). */
    public long bytesToRead() {
        return bytesToReadBefore + context.bytesToRead();
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
