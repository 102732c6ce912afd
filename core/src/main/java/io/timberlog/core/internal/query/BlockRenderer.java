package io.timberlog.core.internal.query;

import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.query.EventRenderer;
import io.timberlog.core.query.StoreRef;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A reading thread's renderer, and the buffer it renders a block's events into, kept from block to
 * block ({@link ReadContext#takeRenderer}). The events' lines go into one buffer and are encoded
 * at once: one copy per block rather than a string and an array per event. Not thread-safe.
 */
final class BlockRenderer {
    private final EventRenderer renderer;
    private final StringBuilder lines = new StringBuilder(1 << 16);

    BlockRenderer(EventRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * The text of each event of {@code block} whose entry in {@code kept} is true, of the runs
     * {@code filter} reads (the others are dropped from {@code kept}), in sequence order.
     */
    List<PartHit> render(DecodedBlock block, boolean[] kept, EventFilter filter, StoreRef store)
            throws SegmentDamageException {
        int n = block.eventCount();
        BlockEventView view = new BlockEventView(block, store, kept);
        int[] ends = new int[n];
        lines.setLength(0);
        try {
            for (int i = 0; i < n; i++) {
                if (kept[i] && filter.checksRun() && !filter.acceptsRun(block.run(i))) {
                    kept[i] = false;
                }
                if (kept[i]) {
                    renderer.render(view.at(i), lines);
                }
                ends[i] = lines.length();
            }
        } catch (BlockEventView.DamageInRenderer e) {
            throw e.damage();
        }
        String all = lines.toString();
        byte[] text = all.getBytes(StandardCharsets.UTF_8);
        if (text.length != all.length()) { // not all ASCII: the events' ends in bytes differ from those in chars
            text = encodeEach(all, ends, kept);
        }
        List<PartHit> out = new ArrayList<>();
        for (int i = 0, start = 0; i < n; start = ends[i], i++) {
            if (kept[i]) {
                out.add(PartHit.rendered(block.epochNanos(i), block.sequence(i), text, start, ends[i] - start));
            }
        }
        return out;
    }

    /** Encodes each event's text on its own, and turns {@code ends} into byte offsets. */
    private static byte[] encodeEach(String all, int[] ends, boolean[] kept) {
        byte[][] each = new byte[ends.length][];
        int size = 0;
        for (int i = 0, start = 0; i < ends.length; start = ends[i], i++) {
            if (kept[i]) {
                // a whole event's text: its surrogate pairs are never cut
                each[i] = all.substring(start, ends[i]).getBytes(StandardCharsets.UTF_8);
                size += each[i].length;
            }
        }
        byte[] text = new byte[size];
        for (int i = 0, at = 0; i < ends.length; i++) {
            if (kept[i]) {
                System.arraycopy(each[i], 0, text, at, each[i].length);
                at += each[i].length;
            }
            ends[i] = at;
        }
        return text;
    }
}
