package io.timberlog.core.internal.query;

import io.timberlog.core.internal.io.Closeables;
import io.timberlog.core.query.QueryHit;
import io.timberlog.core.query.StoreRef;

import java.io.Closeable;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the streams of several stores into one, by timestamp, then sequence number, then store:
 * a k-way merge that holds one event per store. Backwards, the same order reversed. With one store it
 * hands the store's events on as they come. Not thread-safe.
 */
public final class MergeCursor implements Closeable {
    /**
     * Oldest first; equal timestamps in sequence order, then in store order: a total, stable order.
     * A class of its own, not {@code Comparator.comparingLong(...)}: the JDK's lambdas behind those are
     * made at run time, a millisecond of every query's start.
     */
    public static final Comparator<QueryHit> ORDER = new Comparator<>() {
        @Override
        public int compare(QueryHit a, QueryHit b) {
            int c = Long.compare(a.epochNanos(), b.epochNanos());
            if (c == 0) {
                c = Long.compare(a.sequence(), b.sequence());
            }
            return c != 0 ? c : Integer.compare(a.store().index(), b.store().index());
        }
    };

    private final List<StoreStream> streams;
    private final List<StoreRef> stores;
    private final PriorityQueue<Head> heads;
    private boolean started;

    private static final class Head {
        final int stream;
        QueryHit hit;

        Head(int stream, QueryHit hit) {
            this.stream = stream;
            this.hit = hit;
        }
    }

    public MergeCursor(List<StoreStream> streams, List<StoreRef> stores, boolean backward) {
        this.streams = streams;
        this.stores = stores;
        Comparator<QueryHit> order = backward ? ORDER.reversed() : ORDER;
        this.heads = new PriorityQueue<>(Math.max(1, streams.size()), (a, b) -> order.compare(a.hit, b.hit));
    }

    /** The next event in merge order, or {@code null} when every stream is done. */
    public QueryHit next() throws IOException {
        if (!started) {
            started = true;
            for (int i = 0; i < streams.size(); i++) {
                advance(new Head(i, null));
            }
        }
        Head head = heads.poll();
        if (head == null) {
            return null;
        }
        QueryHit hit = head.hit;
        advance(head);
        return hit;
    }

    private void advance(Head head) throws IOException {
        PartHit e = streams.get(head.stream).next();
        if (e != null) {
            head.hit = e.toHit(stores.get(head.stream));
            heads.add(head);
        }
    }

    public List<StoreStream> streams() {
        return streams;
    }

    @Override
    public void close() throws IOException {
        Closeables.closeAll(streams);
    }
}
