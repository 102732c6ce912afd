package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.query.EventRenderer;
import io.timberlog.core.query.Query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every part of one query shares: the filter, the renderers of a query that renders, where
 * damaged ranges go, how many bytes have been read (for a progress display on another thread), and how
 * many segment blocks were read and skipped. Damage and blocks are recorded by the reading thread only.
 */
public final class ReadContext {
    private final EventFilter filter;
    private final List<Damage> damages = new ArrayList<>();
    private final Consumer<Damage> damageSink;
    private volatile long bytesRead;
    private volatile long bytesToRead;
    private long blocksRead;
    private long blocksSkipped;

    /** Makes a renderer for each reading thread that needs one; {@code null} when the query hands out events. */
    private final Supplier<? extends EventRenderer> renderers;
    /**
     * Renderers the block workers are not using: a worker takes one for each block and gives it back
     * (not a thread-local, which would keep it alive in the pool's threads after the query).
     */
    private final ConcurrentLinkedQueue<BlockRenderer> idleRenderers = new ConcurrentLinkedQueue<>();
    /** The most matching events one segment block gives the query (its newest); 0: no limit. */
    private final int newestOnly;

    public ReadContext(EventFilter filter) {
        this(filter, (Supplier<? extends EventRenderer>) null);
    }

    /** A context whose segment blocks are rendered by {@code renderers} ({@link Query#renderers()}; {@code null}: none). */
    public ReadContext(EventFilter filter, Supplier<? extends EventRenderer> renderers) {
        this(filter, renderers, 0);
    }

    /**
     * A context as above for a query that wants only the newest {@code newestOnly} matching events
     * ({@link Query#last()}; 0: every one), read newest first: no block gives it more than that many.
     */
    public ReadContext(EventFilter filter, Supplier<? extends EventRenderer> renderers, int newestOnly) {
        this.filter = filter;
        this.damageSink = damages::add;
        this.renderers = renderers;
        this.newestOnly = newestOnly;
    }

    /** A context whose damaged ranges go to {@code damages} as they are met ({@link #damages()} stays empty). */
    public ReadContext(EventFilter filter, Consumer<Damage> damages) {
        this.filter = filter;
        this.damageSink = damages;
        this.renderers = null;
        this.newestOnly = 0;
    }

    public EventFilter filter() {
        return filter;
    }

    /**
     * The most matching events a segment block gives this query, its newest ones: the query wants only
     * the newest that many of the whole store (and reads blocks newest first). 0 when it wants all.
     */
    int newestOnly() {
        return newestOnly;
    }

    /** True when the events of segment blocks are rendered by the reading threads, not handed out. */
    boolean renders() {
        return renderers != null;
    }

    /** A renderer for one block, to be given back with {@link #giveBack}. */
    BlockRenderer takeRenderer() {
        BlockRenderer r = idleRenderers.poll();
        return r != null ? r : new BlockRenderer(renderers.get());
    }

    void giveBack(BlockRenderer renderer) {
        idleRenderers.offer(renderer);
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
