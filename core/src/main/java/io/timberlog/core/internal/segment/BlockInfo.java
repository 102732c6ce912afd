package io.timberlog.core.internal.segment;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;

import java.util.Arrays;

/**
 * The block index's entry for one block: where its frame lies and what it can hold, so that a query
 * skips blocks it cannot match without reading them. Every test here is conservative: {@code false}
 * means the block certainly has no such event, {@code true} that it may.
 *
 * <p>Immutable and thread-safe.
 */
public final class BlockInfo {
    /** Some logger name in the block is stored inline, not as a dictionary id: logger tests cannot exclude it. */
    static final int INLINE_LOGGER = 1;
    static final int INLINE_THREAD = 2;
    static final int INLINE_TEMPLATE = 4;

    private final int index;
    private final long frameOffset;
    private final int frameLength;
    private final BlockSummary s;

    BlockInfo(int index, long frameOffset, int frameLength, BlockSummary summary) {
        this.index = index;
        this.frameOffset = frameOffset;
        this.frameLength = frameLength;
        this.s = summary;
    }

    /** Position of the block in its segment, from 0, in sequence order. */
    public int index() {
        return index;
    }

    public long frameOffset() {
        return frameOffset;
    }

    /** Bytes of the frame, header included. */
    public int frameLength() {
        return frameLength;
    }

    public int eventCount() {
        return s.events;
    }

    public long firstSequence() {
        return s.firstSequence;
    }

    public long lastSequence() {
        return s.lastSequence;
    }

    public long minEpochNanos() {
        return s.minEpochNanos;
    }

    public long maxEpochNanos() {
        return s.maxEpochNanos;
    }

    /** Bit {@code level.code()} is set for each level present. */
    public int levelSet() {
        return s.levels;
    }

    /** True when some event may lie in {@code [fromNanos, toNanos]} (both inclusive): the block's time range meets it. */
    public boolean mayHaveTimeIn(long fromNanos, long toNanos) {
        return s.maxEpochNanos >= fromNanos && s.minEpochNanos <= toNanos;
    }

    public boolean mayHaveLevelAtLeast(Level min) {
        return (s.levels >>> min.code()) != 0;
    }

    /** Dictionary ids of the loggers present (sorted); see {@link #mayHaveLogger}. */
    public int[] loggerIds() {
        return s.loggerIds.clone();
    }

    public int[] threadIds() {
        return s.threadIds.clone();
    }

    /** Dictionary ids of the templates of events with arguments (sorted). */
    public int[] templateIds() {
        return s.templateIds.clone();
    }

    /**
     * False when no event of the block has the logger with dictionary id {@code id} (from
     * {@link SegmentReader#dictionaryId}); {@code id < 0}, a name the segment does not have in its
     * dictionary, can still be present inline.
     */
    public boolean mayHaveLogger(int id) {
        return (s.inline & INLINE_LOGGER) != 0 || id >= 0 && Arrays.binarySearch(s.loggerIds, id) >= 0;
    }

    public boolean mayHaveThread(int id) {
        return (s.inline & INLINE_THREAD) != 0 || id >= 0 && Arrays.binarySearch(s.threadIds, id) >= 0;
    }

    /** Messages without arguments keep their template inline, so only templates of parameterized events are excluded. */
    public boolean mayHaveTemplate(int id) {
        return (s.inline & INLINE_TEMPLATE) != 0 || id >= 0 && Arrays.binarySearch(s.templateIds, id) >= 0;
    }

    /** {@link #mayHaveLogger(int)} for any of the sorted ids {@code ids}. */
    public boolean mayHaveLogger(int[] ids) {
        return (s.inline & INLINE_LOGGER) != 0 || intersects(s.loggerIds, ids);
    }

    /** {@link #mayHaveThread(int)} for any of the sorted ids {@code ids}. */
    public boolean mayHaveThread(int[] ids) {
        return (s.inline & INLINE_THREAD) != 0 || intersects(s.threadIds, ids);
    }

    /** {@link #mayHaveTemplate(int)} for any of the sorted ids {@code ids}. */
    public boolean mayHaveTemplate(int[] ids) {
        return (s.inline & INLINE_TEMPLATE) != 0 || intersects(s.templateIds, ids);
    }

    /** True when the two sorted id sets share an id. */
    private static boolean intersects(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    /**
     * False when no formatted message and no argument value of the block contains {@code word} (one
     * word as {@link Words} splits text, compared case-insensitively).
     */
    public boolean mayContainWord(String word) {
        return mayContainWord(Words.wordHash(word), Words.decimalValue(word));
    }

    /** {@link #mayContainWord(String)} for a word already hashed ({@link Words#wordHash}) and read as a number ({@link Words#decimalValue}). */
    boolean mayContainWord(long wordHash, long decimalValue) {
        return s.bloom.mightContain(wordHash) || s.rangesMayShow(decimalValue);
    }

    /** True when the index holds every word it must hold for {@code e} (false means the index is damaged). */
    public boolean holdsWordsOf(LogEvent e) {
        boolean[] all = {true};
        Words.forEachWordOf(e, (hash, value) -> all[0] &= s.bloom.mightContain(hash) || s.rangesMayShow(value));
        return all[0];
    }

    BlockSummary summary() {
        return s;
    }

    int inlineFlags() {
        return s.inline;
    }
}
