package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.RunInfo;
import io.timberlog.core.internal.manifest.ManifestEntry;
import io.timberlog.core.internal.segment.BlockInfo;
import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.SegmentInfo;
import io.timberlog.core.internal.segment.SegmentReader;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Checks one segment that could be opened (its header, footer, dictionary and index checksums held):
 * every block's checksum and decoding, that each block holds what the index says (sequence range,
 * time range, levels, logger, thread and template ids, the words of its Bloom filter; a wrong index
 * makes queries skip events), that the blocks add up to the segment's summary, and that the
 * manifest's entry agrees with the segment. The blocks are decoded and compared on the
 * {@link BlockWorkers}; what they find is taken in block order. Not thread-safe: one per segment checked.
 */
final class SegmentVerifier {
    /** Blocks handed to the workers ahead of the one whose result is taken: enough to keep every worker busy. */
    private static final int AHEAD = 2 * BlockWorkers.THREADS;

    private final SegmentReader reader;
    private final ManifestEntry entry;
    private final Path manifestFile;
    private final Consumer<Damage> problems;
    private final SegmentInfo info;

    SegmentVerifier(SegmentReader reader, ManifestEntry entry, Path manifestFile, Consumer<Damage> problems) {
        this.reader = reader;
        this.entry = entry;
        this.manifestFile = manifestFile;
        this.problems = problems;
        this.info = reader.info();
    }

    /** Reports what is wrong to the problems given at construction; returns what the intact blocks hold. */
    PartFacts verify(List<Damage> conversionDamages) throws IOException {
        conversionDamages.forEach(problems);
        checkManifestEntry();
        try {
            reader.checkBloomFilters(); // damaged, they answer "maybe": queries stay complete, only slower
        } catch (SegmentDamageException e) {
            problems.accept(e.toDamage());
        }
        long intact = 0;
        boolean whole = true;
        long[] levels = new long[Level.values().length];
        long previousLast = -1;
        List<BlockInfo> blocks = reader.blocks();
        ArrayDeque<Future<BlockCheck>> ahead = new ArrayDeque<>();
        int next = 0;
        try {
            for (BlockInfo b : blocks) {
                while (ahead.size() < AHEAD && next < blocks.size()) {
                    ahead.add(check(blocks.get(next++)));
                }
                BlockCheck c = await(ahead.poll());
                if (c.damage != null) {
                    problems.accept(c.damage.toDamage());
                    whole = false;
                    continue;
                }
                String problem = c.problem;
                if (problem == null && b.firstSequence() <= previousLast) {
                    problem = "its sequence numbers start at " + b.firstSequence() + ", not after the previous block's "
                            + previousLast;
                }
                if (problem != null) {
                    problems.accept(new Damage(reader.file(), b.frameOffset(), b.frameOffset() + b.frameLength(),
                            Damage.Kind.CORRUPT, "block " + b.index() + " disagrees with the segment index: " + problem));
                    whole = false;
                    continue;
                }
                previousLast = b.lastSequence();
                intact += c.events;
                for (int l = 0; l < levels.length; l++) {
                    levels[l] += c.levels[l];
                }
            }
        } finally {
            for (Future<BlockCheck> f : ahead) {
                f.cancel(false);
            }
        }
        if (whole) {
            checkTotals(intact, levels);
        }
        return SegmentPart.facts(info, intact);
    }

    /**
     * Reads block {@code b} (the I/O and its checksum, here) and has a block worker decode it and compare
     * it with its index entry: a store's blocks are checked on every processor, in order all the same.
     */
    private Future<BlockCheck> check(BlockInfo b) throws IOException {
        DecodedBlock block;
        try {
            block = reader.readBlock(b);
        } catch (SegmentDamageException e) {
            return CompletableFuture.completedFuture(new BlockCheck(e));
        }
        return BlockWorkers.submit(() -> {
            try {
                List<LogEvent> events = block.events();
                String problem = disagreement(b, events);
                long[] levels = new long[Level.values().length];
                for (LogEvent e : events) {
                    levels[e.level().code()]++;
                }
                return new BlockCheck(problem, events.size(), levels);
            } catch (SegmentDamageException e) {
                return new BlockCheck(e);
            }
        });
    }

    private BlockCheck await(Future<BlockCheck> check) throws IOException {
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while verifying " + reader.file());
        } catch (ExecutionException e) {
            throw new IllegalStateException("a block could not be checked", e.getCause());
        }
    }

    /** What checking one block found: its damage, or how it disagrees with the index (if it does) and what it holds. */
    private static final class BlockCheck {
        final SegmentDamageException damage;
        final String problem;
        final long events;
        final long[] levels;

        BlockCheck(SegmentDamageException damage) {
            this(damage, null, 0, null);
        }

        BlockCheck(String problem, long events, long[] levels) {
            this(null, problem, events, levels);
        }

        private BlockCheck(SegmentDamageException damage, String problem, long events, long[] levels) {
            this.damage = damage;
            this.problem = problem;
            this.events = events;
            this.levels = levels;
        }
    }

    /** What in {@code events} the block's index entry does not say, or {@code null}. */
    private String disagreement(BlockInfo b, List<LogEvent> events) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int levelSet = 0;
        long previous = -1;
        for (LogEvent e : events) {
            if (e.sequence() <= previous) {
                return "sequence " + e.sequence() + " after " + previous;
            }
            previous = e.sequence();
            min = Math.min(min, e.epochNanos());
            max = Math.max(max, e.epochNanos());
            levelSet |= 1 << e.level().code();
            if (!b.mayHaveLogger(reader.dictionaryId(e.logger())) || !b.mayHaveThread(reader.dictionaryId(e.thread()))
                    || !e.arguments().isEmpty() && !b.mayHaveTemplate(reader.dictionaryId(e.template()))) {
                return "event " + e.sequence() + " has a logger, thread or template the index does not list";
            }
            if (!b.holdsWordsOf(e)) {
                return "the Bloom filter lacks words of event " + e.sequence();
            }
        }
        if (events.get(0).sequence() != b.firstSequence() || previous != b.lastSequence()) {
            return "sequences " + events.get(0).sequence() + ".." + previous + ", index " + b.firstSequence() + ".."
                    + b.lastSequence();
        }
        if (min != b.minEpochNanos() || max != b.maxEpochNanos()) {
            return "times " + min + ".." + max + ", index " + b.minEpochNanos() + ".." + b.maxEpochNanos();
        }
        if (levelSet != b.levelSet()) {
            return "levels " + Integer.toBinaryString(levelSet) + ", index " + Integer.toBinaryString(b.levelSet());
        }
        return null;
    }

    /** The blocks, all intact, must add up to the segment's summary. */
    private void checkTotals(long events, long[] levels) {
        List<BlockInfo> blocks = reader.blocks();
        List<String> wrong = new ArrayList<>();
        if (events != info.eventCount()) {
            wrong.add("blocks hold " + events + " events, the summary says " + info.eventCount());
        }
        for (Level level : Level.values()) {
            if (levels[level.code()] != info.levelCount(level)) {
                wrong.add(level + " events: blocks " + levels[level.code()] + ", summary " + info.levelCount(level));
            }
        }
        if (!blocks.isEmpty() && (blocks.get(0).firstSequence() != info.minSequence()
                || blocks.get(blocks.size() - 1).lastSequence() != info.maxSequence())) {
            wrong.add("the blocks' sequences differ from the summary's " + info.minSequence() + ".." + info.maxSequence());
        }
        if (!wrong.isEmpty()) {
            problems.accept(new Damage(reader.file(), 0, reader.fileSize(), Damage.Kind.CORRUPT,
                    "segment summary disagrees with its blocks: " + String.join("; ", wrong)));
        }
    }

    /** The manifest's entry must say what the segment says of itself: readers prune by the entry. */
    private void checkManifestEntry() {
        List<String> wrong = new ArrayList<>();
        compare(wrong, "size", entry.size(), reader.fileSize());
        compare(wrong, "events", entry.events(), info.eventCount());
        compare(wrong, "minSequence", entry.minSequence(), info.minSequence());
        compare(wrong, "maxSequence", entry.maxSequence(), info.maxSequence());
        compare(wrong, "minTimestamp", entry.minEpochNanos(), info.minEpochNanos());
        compare(wrong, "maxTimestamp", entry.maxEpochNanos(), info.maxEpochNanos());
        for (Level level : Level.values()) {
            compare(wrong, "levels." + level, entry.levelCount(level), info.levelCount(level));
        }
        long[] listed = entry.walIds();
        long[] own = info.walIds();
        Arrays.sort(listed);
        Arrays.sort(own);
        if (!Arrays.equals(listed, own)) {
            wrong.add("walIds " + Arrays.toString(listed) + ", the segment " + Arrays.toString(own));
        }
        List<String> runs = new ArrayList<>();
        for (RunInfo r : info.runs()) {
            runs.add(r.id());
        }
        if (!runs.equals(entry.runs())) {
            wrong.add("runs " + entry.runs() + ", the segment " + runs);
        }
        if (!wrong.isEmpty()) {
            problems.accept(new Damage(manifestFile, 0, 0, Damage.Kind.CORRUPT, "the entry for " + entry.file()
                    + " disagrees with the segment: " + String.join("; ", wrong)));
        }
    }

    private static void compare(List<String> wrong, String field, long listed, long actual) {
        if (listed != actual) {
            wrong.add(field + " " + listed + ", the segment " + actual);
        }
    }
}
