package io.timberlog.core.internal.query;

import io.timberlog.core.LogEvent;
import io.timberlog.core.internal.segment.BlockFilter;
import io.timberlog.core.internal.segment.BlockInfo;
import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.SegmentReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The matching events of one segment, in either direction. Blocks whose index entry cannot match
 * are skipped unread; a block that is read is judged event by event on its time and level columns
 * first, and only events that pass are decoded whole and given to the rest of the filter. A damaged
 * block is reported and skipped; the others are still read. Not thread-safe.
 */
final class SegmentCursor implements PartCursor {
    private static final PartCursor EMPTY = new PartCursor() {
        @Override
        public LogEvent next() {
            return null;
        }

        @Override
        public void close() {
        }
    };

    private final ReadContext context;
    private final EventFilter filter;
    private final SegmentReader reader;
    private final List<BlockInfo> blocks;
    private final boolean backward;
    private int nextBlock;
    private DecodedBlock block;
    private int event;

    private SegmentCursor(ReadContext context, SegmentReader reader, List<BlockInfo> blocks, boolean backward) {
        this.context = context;
        this.filter = context.filter();
        this.reader = reader;
        this.blocks = blocks;
        this.backward = backward;
    }

    /** Opens the segment of {@code part} and chooses the blocks to read. */
    static PartCursor open(SegmentPart part, ReadContext context, boolean backward) throws IOException {
        SegmentReader reader = part.open(context::damage);
        if (reader == null) {
            context.read(part.size());
            return EMPTY;
        }
        part.conversionDamages(reader).forEach(context::damage);
        BlockFilter blockFilter = context.filter().blockFilter().forSegment(reader);
        List<BlockInfo> selected = new ArrayList<>();
        long unread = reader.fileSize();
        for (BlockInfo b : backward ? reader.blocksNewestFirst() : reader.blocks()) {
            if (blockFilter.mayMatch(b)) {
                selected.add(b);
                unread -= b.frameLength();
            } else {
                context.blockSkipped();
            }
        }
        context.read(unread);
        return new SegmentCursor(context, reader, selected, backward);
    }

    @Override
    public LogEvent next() throws IOException {
        while (true) {
            if (block == null && !nextBlock()) {
                return null;
            }
            try {
                LogEvent e = nextInBlock();
                if (e != null) {
                    return e;
                }
            } catch (SegmentDamageException damage) {
                context.damage(damage.toDamage());
            }
            block = null;
        }
    }

    /** Reads the next selected block; false when there is none. */
    private boolean nextBlock() throws IOException {
        while (nextBlock < blocks.size()) {
            BlockInfo info = blocks.get(nextBlock++);
            context.read(info.frameLength());
            try {
                block = reader.readBlock(info);
                context.blockRead();
                event = backward ? block.eventCount() - 1 : 0;
                return true;
            } catch (SegmentDamageException damage) {
                context.damage(damage.toDamage());
            }
        }
        return false;
    }

    /** The next matching event of the current block, or {@code null} at its end. */
    private LogEvent nextInBlock() throws SegmentDamageException {
        int step = backward ? -1 : 1;
        for (int i = event; i >= 0 && i < block.eventCount(); i += step) {
            if (filter.acceptsLevelAndTime(block.level(i).code(), block.epochNanos(i))) {
                LogEvent e = block.event(i);
                if (filter.accepts(e)) {
                    event = i + step;
                    return e;
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
