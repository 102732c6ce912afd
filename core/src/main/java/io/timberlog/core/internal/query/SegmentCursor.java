package io.timberlog.core.internal.query;

import io.timberlog.core.internal.segment.BlockFilter;
import io.timberlog.core.internal.segment.BlockInfo;
import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.SegmentReader;
import io.timberlog.core.query.StoreRef;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The matching events of one segment, in either direction. Blocks whose index entry cannot match
 * are skipped unread; the events of a block that is read are judged by a {@link BlockMatcher} on one
 * of the {@link BlockWorkers}, a few blocks ahead of the reader, and come out in order. A damaged
 * block is reported and skipped; the others are still read. Not thread-safe.
 */
final class SegmentCursor implements PartCursor {
    private static final PartCursor EMPTY = new PartCursor() {
        @Override
        public PartHit next() {
            return null;
        }

        @Override
        public void close() {
        }
    };

    /** Blocks handed to the workers ahead of the one being read: enough to keep every worker busy. */
    private static final int AHEAD = 2 * BlockWorkers.THREADS;

    private final ReadContext context;
    private final SegmentReader reader;
    private final List<BlockInfo> blocks;
    private final boolean backward;
    private final StoreRef store;
    private final ArrayDeque<Future<List<PartHit>>> ahead = new ArrayDeque<>();
    private int nextBlock;
    /** The matching events of the block being read, and the next one to return. */
    private List<PartHit> matches = List.of();
    private int next;

    private SegmentCursor(ReadContext context, StoreRef store, SegmentReader reader, List<BlockInfo> blocks,
                          boolean backward) {
        this.context = context;
        this.store = store;
        this.reader = reader;
        this.blocks = blocks;
        this.backward = backward;
    }

    /** Opens the segment of {@code part} and chooses the blocks to read. */
    static PartCursor open(SegmentPart part, ReadContext context, StoreRef store, boolean backward) throws IOException {
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
        return new SegmentCursor(context, store, reader, selected, backward);
    }

    @Override
    public PartHit next() throws IOException {
        while (next == matches.size()) {
            readAhead();
            if (ahead.isEmpty()) {
                return null;
            }
            next = 0;
            matches = List.of();
            try {
                matches = ahead.poll().get();
                context.blockRead();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SegmentDamageException)) {
                    throw new IllegalStateException("a block could not be read", e.getCause());
                }
                context.damage(((SegmentDamageException) e.getCause()).toDamage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + reader.file());
            }
        }
        PartHit e = matches.get(backward ? matches.size() - 1 - next : next);
        next++;
        return e;
    }

    @Override
    public void prefetch() throws IOException {
        readAhead();
    }

    @Override
    public boolean busiesTheWorkers() {
        return blocks.size() - nextBlock >= AHEAD;
    }

    /**
     * Reads the next blocks (the reading thread does the I/O and checks their checksums) and hands
     * them to the workers, which decode and filter them.
     */
    private void readAhead() throws IOException {
        EventFilter filter = context.filter();
        while (ahead.size() < AHEAD && nextBlock < blocks.size()) {
            BlockInfo info = blocks.get(nextBlock++);
            context.read(info.frameLength());
            DecodedBlock block;
            try {
                block = reader.readBlock(info);
            } catch (SegmentDamageException damage) {
                ahead.add(CompletableFuture.failedFuture(damage));
                continue;
            }
            ahead.add(BlockWorkers.submit(() -> new BlockMatcher(filter).matches(block, context, store)));
        }
    }

    @Override
    public void close() throws IOException {
        for (Future<?> f : ahead) {
            f.cancel(false);
        }
        ahead.clear();
        reader.close();
    }
}
