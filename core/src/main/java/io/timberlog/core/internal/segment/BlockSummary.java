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
    /**
     * Version 4: {@code [min0, max0, min1, max1, ...]}, ranges of integer arguments whose words the
     * filter leaves out ({@link BlockWords}); empty before.
     */
    final long[] integerRanges;

    BlockSummary(int events, long firstSequence, long lastSequence, long minEpochNanos, long maxEpochNanos, int levels,
                 int inline, int[] loggerIds, int[] threadIds, int[] templateIds, BloomFilter bloom,
                 long[] integerRanges) {
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
        this.integerRanges = integerRanges;
    }

    /**
     * True when {@code decimalValue} (a word's {@link Words#decimalValue}, -1 for no number) lies in a
     * range: an integer argument may then show the word, as the number or as its negative.
     */
    boolean rangesMayShow(long decimalValue) {
        if (decimalValue < 0) {
            return false;
        }
        for (int r = 0; r < integerRanges.length; r += 2) {
            long min = integerRanges[r];
            long max = integerRanges[r + 1];
            if (min <= decimalValue && decimalValue <= max || min <= -decimalValue && -decimalValue <= max) {
                return true;
            }
        }
        return false;
    }

    BlockInfo at(int index, long frameOffset, int frameLength) {
        return new BlockInfo(index, frameOffset, frameLength, this);
    }
}
