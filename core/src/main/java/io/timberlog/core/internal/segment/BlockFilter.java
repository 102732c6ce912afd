package io.timberlog.core.internal.segment;

import io.timberlog.core.Level;

import java.util.Arrays;
import java.util.List;

/**
 * The usual tests a query makes on a block index entry, combined: a time range, a minimum level,
 * a set of loggers (any of them), and words that must all be present. {@link #mayMatch} is false
 * only when no event of the block can match; the query still checks each event it reads.
 * Logger names are resolved per segment ({@link #forSegment}), since ids are a segment's own.
 *
 * <p>Immutable and thread-safe.
 */
public final class BlockFilter {
    private final long fromNanos;
    private final long toNanos;
    private final Level minLevel;
    private final List<String> loggers;
    private final int[] loggerIds;
    private final List<String> words;

    private BlockFilter(long fromNanos, long toNanos, Level minLevel, List<String> loggers, int[] loggerIds,
                        List<String> words) {
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
        this.minLevel = minLevel;
        this.loggers = loggers;
        this.loggerIds = loggerIds;
        this.words = words;
    }

    /** A filter every block passes. */
    public static BlockFilter all() {
        return new BlockFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, null, null, List.of());
    }

    /** Only blocks with an event in {@code [fromNanos, toNanos)}. */
    public BlockFilter time(long fromNanos, long toNanos) {
        return new BlockFilter(fromNanos, toNanos, minLevel, loggers, loggerIds, words);
    }

    public BlockFilter minLevel(Level level) {
        return new BlockFilter(fromNanos, toNanos, level, loggers, loggerIds, words);
    }

    /** Only blocks with an event of one of these loggers (exact names). */
    public BlockFilter loggers(List<String> names) {
        return new BlockFilter(fromNanos, toNanos, minLevel, List.copyOf(names), null, words);
    }

    /** Only blocks whose messages or argument values have every one of these words (see {@link Words}). */
    public BlockFilter words(List<String> required) {
        return new BlockFilter(fromNanos, toNanos, minLevel, loggers, loggerIds, List.copyOf(required));
    }

    /** This filter with its logger names turned into the ids of {@code segment}'s dictionary. */
    public BlockFilter forSegment(SegmentReader segment) {
        if (loggers == null) {
            return this;
        }
        int[] resolved = new int[loggers.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = segment.dictionaryId(loggers.get(i));
        }
        return new BlockFilter(fromNanos, toNanos, minLevel, loggers, resolved, words);
    }

    /** False when no event of {@code block} can pass; resolve with {@link #forSegment} first when loggers are given. */
    public boolean mayMatch(BlockInfo block) {
        if (!block.mayHaveTimeIn(fromNanos, toNanos)) {
            return false;
        }
        if (minLevel != null && !block.mayHaveLevelAtLeast(minLevel)) {
            return false;
        }
        if (loggers != null) {
            if (loggerIds == null) {
                throw new IllegalStateException("logger names not resolved: call forSegment first");
            }
            boolean any = false;
            for (int id : loggerIds) {
                any |= block.mayHaveLogger(id);
            }
            if (!any) {
                return false;
            }
        }
        for (String word : words) {
            if (!block.mayContainWord(word)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "BlockFilter{time=[" + fromNanos + "," + toNanos + "), minLevel=" + minLevel + ", loggers=" + loggers
                + (loggerIds == null ? "" : Arrays.toString(loggerIds)) + ", words=" + words + "}";
    }
}
