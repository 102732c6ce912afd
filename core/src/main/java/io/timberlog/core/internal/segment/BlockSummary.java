package io.timberlog.core.internal.segment;

/** What the encoder learned about a block; the writer adds where the block's frame lies and gets a {@link BlockInfo}. */
final class BlockSummary {
    final int events;
    final long firstSequence;
    final long lastSequence;
    final long minEpochNanos;
    final long maxEpochNanos;
    final int levels;
    final int inline;
    final int[] loggerIds;
    final int[] threadIds;
    final int[] templateIds;
    final BloomFilter bloom;

    BlockSummary(int events, long firstSequence, long lastSequence, long minEpochNanos, long maxEpochNanos, int levels,
                 int inline, int[] loggerIds, int[] threadIds, int[] templateIds, BloomFilter bloom) {
        this.events = events;
        this.firstSequence = firstSequence;
        this.lastSequence = lastSequence;
        this.minEpochNanos = minEpochNanos;
        this.maxEpochNanos = maxEpochNanos;
        this.levels = levels;
        this.inline = inline;
        this.loggerIds = loggerIds;
        this.threadIds = threadIds;
        this.templateIds = templateIds;
        this.bloom = bloom;
    }

    BlockInfo at(int index, long frameOffset, int frameLength) {
        return new BlockInfo(index, frameOffset, frameLength, this);
    }
}
