package io.timberlog.core.internal.query;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.query.EventView;
import io.timberlog.core.query.StoreRef;

import java.util.List;

/**
 * The kept events of one block as a renderer reads them, one at a time ({@link #at}): each field from
 * the block's columns, the message formatted straight into the renderer's buffer, and the whole events
 * decoded only if a renderer asks for one, all of the block's kept events at once. Not thread-safe.
 */
final class BlockEventView implements EventView {
    private final DecodedBlock block;
    private final StoreRef store;
    private final boolean[] kept;
    private int event;
    /** The kept events, whole, once {@link #event()} was called; with each one's index among them. */
    private List<LogEvent> events;
    private int[] keptIndex;

    BlockEventView(DecodedBlock block, StoreRef store, boolean[] kept) {
        this.block = block;
        this.store = store;
        this.kept = kept;
    }

    BlockEventView at(int i) {
        event = i;
        return this;
    }

    @Override
    public StoreRef store() {
        return store;
    }

    @Override
    public long epochNanos() {
        try {
            return block.epochNanos(event);
        } catch (SegmentDamageException e) {
            throw unchecked(e);
        }
    }

    @Override
    public long sequence() {
        try {
            return block.sequence(event);
        } catch (SegmentDamageException e) {
            throw unchecked(e);
        }
    }

    @Override
    public Level level() {
        try {
            return block.level(event);
        } catch (SegmentDamageException e) {
            throw unchecked(e);
        }
    }

    @Override
    public String logger() {
        try {
            return block.logger(event);
        } catch (SegmentDamageException e) {
            throw unchecked(e);
        }
    }

    @Override
    public String thread() {
        try {
            return block.thread(event);
        } catch (SegmentDamageException e) {
            throw unchecked(e);
        }
    }

    @Override
    public void appendMessage(StringBuilder sb) {
        try {
            block.appendMessage(event, sb);
        } catch (SegmentDamageException e) {
            throw unchecked(e);
        }
    }

    @Override
    public boolean hasThrowable() {
        try {
            return block.hasThrowable(event);
        } catch (SegmentDamageException e) {
            throw unchecked(e);
        }
    }

    @Override
    public LogEvent event() {
        try {
            if (events == null) {
                events = block.events(kept);
                keptIndex = new int[kept.length];
                for (int i = 0, k = 0; i < block.eventCount(); i++) {
                    keptIndex[i] = kept[i] ? k++ : -1;
                }
            }
            return events.get(keptIndex[event]);
        } catch (SegmentDamageException e) {
            throw unchecked(e);
        }
    }

    /**
     * Carries a damaged column out of the renderer, which cannot throw it: the block's worker unwraps
     * it ({@link DamageInRenderer#damage}) and reports the block as damaged.
     */
    private static DamageInRenderer unchecked(SegmentDamageException e) {
        return new DamageInRenderer(e);
    }

    /** A block's damage met while its events were rendered. */
    static final class DamageInRenderer extends RuntimeException {
        private final SegmentDamageException damage;

        DamageInRenderer(SegmentDamageException damage) {
            super(damage.getMessage(), damage, false, false);
            this.damage = damage;
        }

        SegmentDamageException damage() {
            return damage;
        }
    }
}
