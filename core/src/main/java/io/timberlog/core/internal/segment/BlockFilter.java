package io.timberlog.core.internal.segment;

import io.timberlog.core.Level;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tests a query makes on a block index entry, combined: a time range, a minimum level, loggers
 * (exact names or name prefixes, any of them), threads (any), templates (any), and words that must
 * all be present. {@link #mayMatch} is false only when no event of the block can match; the query
 * still checks each event it reads. Names are resolved per segment ({@link #forSegment}), since ids
 * are a segment's own.
 *
 * <p>Immutable and thread-safe.
 */
public final class BlockFilter {
    private final long fromNanos;
    private final long toNanos;
    private final Level minLevel;
    private final NameSet loggers;
    private final NameSet threads;
    private final NameSet templates;
    private final List<String> words;
    /** Per word, its hash and its value as a number, made once: a query tests them on thousands of blocks. */
    private final long[] wordHashes;
    private final long[] wordValues;

    /** Names to find in a segment's dictionary, and, once {@link #resolve resolved}, their ids there. */
    private static final class NameSet {
        final List<String> names;
        final List<String> prefixes;
        /** Sorted dictionary ids of the names; {@code null} until resolved. */
        final int[] ids;

        NameSet(List<String> names, List<String> prefixes, int[] ids) {
            this.names = names;
            this.prefixes = prefixes;
            this.ids = ids;
        }

        NameSet resolve(SegmentDictionary dictionary) {
            List<Integer> found = new ArrayList<>();
            for (String name : names) {
                int id = dictionary.find(name);
                if (id >= 0) {
                    found.add(id);
                }
            }
            if (!prefixes.isEmpty()) {
                for (int id = 0; id < dictionary.size(); id++) {
                    String s = dictionary.string(id);
                    for (String prefix : prefixes) {
                        if (s.startsWith(prefix)) {
                            found.add(id);
                            break;
                        }
                    }
                }
            }
            return new NameSet(names, prefixes, found.stream().mapToInt(Integer::intValue).sorted().distinct().toArray());
        }
    }

    private BlockFilter(long fromNanos, long toNanos, Level minLevel, NameSet loggers, NameSet threads,
                        NameSet templates, List<String> words) {
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
        this.minLevel = minLevel;
        this.loggers = loggers;
        this.threads = threads;
        this.templates = templates;
        this.words = words;
        this.wordHashes = new long[words.size()];
        this.wordValues = new long[words.size()];
        for (int i = 0; i < words.size(); i++) {
            wordHashes[i] = Words.wordHash(words.get(i));
            wordValues[i] = Words.decimalValue(words.get(i));
        }
    }

    /** A filter every block passes. */
    public static BlockFilter all() {
        return new BlockFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, null, null, null, List.of());
    }

    /** Only blocks with an event in {@code [fromNanos, toNanos]} (both inclusive). */
    public BlockFilter time(long fromNanos, long toNanos) {
        return new BlockFilter(fromNanos, toNanos, minLevel, loggers, threads, templates, words);
    }

    public BlockFilter minLevel(Level level) {
        return new BlockFilter(fromNanos, toNanos, level, loggers, threads, templates, words);
    }

    /** Only blocks with an event of one of these loggers (exact names). */
    public BlockFilter loggers(List<String> names) {
        return loggers(names, List.of());
    }

    /** Only blocks with an event of a logger that is one of {@code names} or starts with one of {@code prefixes}. */
    public BlockFilter loggers(List<String> names, List<String> prefixes) {
        return new BlockFilter(fromNanos, toNanos, minLevel, new NameSet(List.copyOf(names), List.copyOf(prefixes),
                null), threads, templates, words);
    }

    /** Only blocks with an event of one of these threads. */
    public BlockFilter threads(List<String> names) {
        return new BlockFilter(fromNanos, toNanos, minLevel, loggers, new NameSet(List.copyOf(names), List.of(), null),
                templates, words);
    }

    /** Only blocks that may have an event logged with one of these templates. */
    public BlockFilter templates(List<String> names) {
        return new BlockFilter(fromNanos, toNanos, minLevel, loggers, threads,
                new NameSet(List.copyOf(names), List.of(), null), words);
    }

    /** Only blocks whose messages or argument values have every one of these words (see {@link Words}). */
    public BlockFilter words(List<String> required) {
        return new BlockFilter(fromNanos, toNanos, minLevel, loggers, threads, templates, List.copyOf(required));
    }

    /** This filter with its names turned into the ids of {@code segment}'s dictionary. */
    public BlockFilter forSegment(SegmentReader segment) {
        SegmentDictionary d = segment.dictionary();
        return new BlockFilter(fromNanos, toNanos, minLevel, loggers == null ? null : loggers.resolve(d),
                threads == null ? null : threads.resolve(d), templates == null ? null : templates.resolve(d), words);
    }

    /** False when no event of {@code block} can pass; resolve with {@link #forSegment} first when names are given. */
    public boolean mayMatch(BlockInfo block) {
        if (!block.mayHaveTimeIn(fromNanos, toNanos)) {
            return false;
        }
        if (minLevel != null && !block.mayHaveLevelAtLeast(minLevel)) {
            return false;
        }
        if (loggers != null && !block.mayHaveLogger(ids(loggers))) {
            return false;
        }
        if (threads != null && !block.mayHaveThread(ids(threads))) {
            return false;
        }
        if (templates != null && !block.mayHaveTemplate(ids(templates))) {
            return false;
        }
        for (int i = 0; i < wordHashes.length; i++) {
            if (!block.mayContainWord(wordHashes[i], wordValues[i])) {
                return false;
            }
        }
        return true;
    }

    private static int[] ids(NameSet names) {
        if (names.ids == null) {
            throw new IllegalStateException("names not resolved: call forSegment first");
        }
        return names.ids;
    }

    @Override
    public String toString() {
        return "BlockFilter{time=[" + fromNanos + "," + toNanos + "], minLevel=" + minLevel + ", loggers="
                + describe(loggers) + ", threads=" + describe(threads) + ", templates=" + describe(templates)
                + ", words=" + words + "}";
    }

    private static String describe(NameSet names) {
        return names == null ? "any" : names.names + (names.prefixes.isEmpty() ? "" : " " + names.prefixes + "*")
                + (names.ids == null ? "" : Arrays.toString(names.ids));
    }
}
