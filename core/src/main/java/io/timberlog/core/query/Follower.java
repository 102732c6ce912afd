package io.timberlog.core.query;

import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import io.timberlog.core.internal.query.EventFilter;
import io.timberlog.core.internal.query.MergeCursor;
import io.timberlog.core.internal.query.StoreLayout;
import io.timberlog.core.internal.query.WalTail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * New events of a {@link StoreSet} as writers append them, like {@code tail -f}: each {@link #poll()}
 * returns what was published since the last one (each store's events in the order they were appended,
 * the stores' interleaved by time), across file rotations,
 * conversions into segments and crashes; stores that appear under the root later (a second process's fallback store) are followed
 * from their first event. Reads with plain reads only. Made by {@link QueryResult#follow()}.
 *
 * <p>Published, not reserved: of several threads appending at once, one whose event took its place in
 * the file first may finish writing it after another's later event. A poll between the two returns the
 * later one, and the next poll the earlier: each event comes once, but such a pair comes out of append
 * order. Holding events back behind an unfinished one would keep them from view for as long as it
 * stays unfinished, which for a writer killed mid-append is until the file is sealed.
 *
 * <p>Not thread-safe; closing it from another thread is not supported (stop polling instead).
 */
public final class Follower implements AutoCloseable {
    /** How often the root is searched for new stores. */
    private static final long DISCOVERY_NANOS = 2_000_000_000L;

    private final Path root;
    private final EventFilter filter;
    private final List<StoreRef> stores = new ArrayList<>();
    private final List<WalTail> tails = new ArrayList<>();
    private final Set<Path> known = new HashSet<>();
    private final List<Damage> damages = new ArrayList<>();
    private final List<LogEvent> batch = new ArrayList<>();
    private long lastDiscovery = System.nanoTime();

    /** @param tails per store of {@code set}, in order, where its query ended */
    Follower(StoreSet set, EventFilter filter, List<WalTail> tails) {
        this.root = set.root();
        this.filter = filter;
        for (int i = 0; i < set.stores().size(); i++) {
            add(set.stores().get(i), tails.get(i));
        }
    }

    private void add(StoreRef store, WalTail tail) {
        stores.add(store);
        tails.add(tail);
        known.add(store.directory());
    }

    /** The matching events published since the last poll (or since the query's end), oldest first. */
    public List<QueryHit> poll() throws IOException {
        if (System.nanoTime() - lastDiscovery > DISCOVERY_NANOS) {
            lastDiscovery = System.nanoTime();
            for (Path dir : StoreLayout.findStores(root)) {
                if (!known.contains(dir)) {
                    // a store that appeared since the query: every event it holds is new
                    add(new StoreRef(StoreSet.label(root, dir), dir, stores.size()), new WalTail(dir, 0, filter));
                }
            }
        }
        List<List<QueryHit>> perStore = new ArrayList<>(tails.size());
        for (int i = 0; i < tails.size(); i++) {
            batch.clear();
            tails.get(i).poll(batch, damages::add);
            List<QueryHit> hits = new ArrayList<>(batch.size());
            for (LogEvent e : batch) {
                hits.add(new QueryHit(e, stores.get(i)));
            }
            perStore.add(hits);
        }
        return merge(perStore);
    }

    /**
     * Each store's events in the order they were appended, interleaved by time between stores, as a
     * query's merge does; sorting them all by time would reorder one store's events whose times are not
     * in order (threads that stamped before they appended, a clock that stepped back).
     */
    static List<QueryHit> merge(List<List<QueryHit>> perStore) {
        if (perStore.size() == 1) {
            return perStore.get(0);
        }
        int total = 0;
        for (List<QueryHit> hits : perStore) {
            total += hits.size();
        }
        List<QueryHit> merged = new ArrayList<>(total);
        int[] next = new int[perStore.size()];
        while (merged.size() < total) {
            int best = -1;
            for (int i = 0; i < perStore.size(); i++) {
                if (next[i] < perStore.get(i).size() && (best < 0 || MergeCursor.ORDER.compare(
                        perStore.get(i).get(next[i]), perStore.get(best).get(next[best])) < 0)) {
                    best = i;
                }
            }
            merged.add(perStore.get(best).get(next[best]++));
        }
        return merged;
    }

    /** Damaged ranges met while following. */
    public List<Damage> damages() {
        return Collections.unmodifiableList(new ArrayList<>(damages));
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (WalTail t : tails) {
            try {
                t.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
