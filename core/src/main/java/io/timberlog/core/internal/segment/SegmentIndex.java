package io.timberlog.core.internal.segment;

import io.timberlog.core.Level;
import io.timberlog.core.RunInfo;
import io.timberlog.core.internal.io.ByteCursor;
import io.timberlog.core.internal.io.MalformedDataException;
import io.timberlog.core.internal.io.Varint;
import io.timberlog.core.internal.wal.SealReason;

import java.util.ArrayList;
import java.util.List;

/**
 * The index frame's payload: the segment's {@link SegmentInfo}, then one {@link BlockInfo} per block.
 * FORMAT.md documents the same bytes.
 *
 * <pre>
 * segment:  varint event count, varint min sequence, varint max sequence,
 *           zigzag min epoch nanos, zigzag max epoch nanos,
 *           varint L, L x varint events per level (by level code),
 *           varint n, n x varint WAL id,
 *           varint n, n x run (i64 start epoch nanos, i64 pid, i64 nonce, string host),
 *           varint n, n x conversion damage (varint WAL id, varint start, varint end, string detail),
 *           [version 2 and later] varint n, n x WAL seal (varint WAL id,
 *                                 u8 0 = no seal, else 1 + SealReason code, zigzag seal epoch nanos)
 * blocks:   varint n, n x block:
 *           varint frame offset, varint frame length (header included),
 *           varint events, varint first sequence, varint (last - first sequence),
 *           zigzag min epoch nanos, zigzag max epoch nanos,
 *           u8 levels present (bit = level code), u8 inline bits (1 logger, 2 thread, 4 template),
 *           3 x id set (loggers, threads, templates): varint n, then the sorted ids as varint deltas
 *                                                      (first id, then id - previous id),
 *           Bloom filter: varint m64 (filter bits / 64), u8 k (probes), then, before version 3,
 *                         m64 x u64 (from version 3 they are in the Bloom frame, block after block),
 *           [version 4 and later] integer ranges: varint n (at most {@link BlockWords#MAX_RANGES}),
 *                                 n x (zigzag min, varint (max - min))
 * </pre>
 */
final class SegmentIndex {
    /** The seal byte of a WAL file that had no seal record. */
    private static final int NO_SEAL = 0;
    private static final long[] NO_RANGES = {};

    final SegmentInfo info;
    final List<BlockInfo> blocks;

    SegmentIndex(SegmentInfo info, List<BlockInfo> blocks) {
        this.info = info;
        this.blocks = blocks;
    }

    void writeTo(ByteSink out) {
        out.varint(info.eventCount());
        out.varint(info.minSequence());
        out.varint(info.maxSequence());
        out.zigzag(info.minEpochNanos());
        out.zigzag(info.maxEpochNanos());
        Level[] levels = Level.values();
        out.varint(levels.length);
        for (Level level : levels) {
            out.varint(info.levelCount(level));
        }
        long[] walIds = info.walIds();
        out.varint(walIds.length);
        for (long id : walIds) {
            out.varint(id);
        }
        out.varint(info.runs().size());
        for (RunInfo run : info.runs()) {
            out.i64(run.startEpochNanos());
            out.i64(run.pid());
            out.i64(run.nonce());
            out.string(run.host());
        }
        out.varint(info.conversionDamages().size());
        for (SegmentInfo.ConversionDamage d : info.conversionDamages()) {
            out.varint(d.walId);
            out.varint(d.start);
            out.varint(d.end);
            out.string(d.detail);
        }
        out.varint(info.seals().size());
        for (SegmentInfo.WalSeal seal : info.seals()) {
            out.varint(seal.walId);
            out.u8(seal.reason == null ? NO_SEAL : 1 + seal.reason.ordinal());
            out.zigzag(seal.epochNanos);
        }
        out.varint(blocks.size());
        for (BlockInfo b : blocks) {
            BlockSummary s = b.summary();
            out.varint(b.frameOffset());
            out.varint(b.frameLength());
            out.varint(s.events);
            out.varint(s.firstSequence);
            out.varint(s.lastSequence - s.firstSequence);
            out.zigzag(s.minEpochNanos);
            out.zigzag(s.maxEpochNanos);
            out.u8(s.levels);
            out.u8(s.inline);
            idSet(out, s.loggerIds);
            idSet(out, s.threadIds);
            idSet(out, s.templateIds);
            s.bloom.writeSizeTo(out);
            out.varint(s.integerRanges.length / 2);
            for (int r = 0; r < s.integerRanges.length; r += 2) {
                out.zigzag(s.integerRanges[r]);
                out.varint(s.integerRanges[r + 1] - s.integerRanges[r]);
            }
        }
    }

    /** Writes the payload of the Bloom frame: every block's filter bits, in block order. */
    void writeBloomFiltersTo(ByteSink out) {
        for (BlockInfo b : blocks) {
            b.summary().bloom.writeBitsTo(out);
        }
    }

    private static void idSet(ByteSink out, int[] ids) {
        out.varint(ids.length);
        int previous = 0;
        for (int id : ids) {
            out.varint(id - previous);
            previous = id;
        }
    }

    /** Reads an index from the whole of {@code payload}, as {@link #read(byte[], int, int, long, long, int, BloomFrame)}. */
    static SegmentIndex read(byte[] payload, long segmentId, long dataEnd, int version, BloomFrame blooms)
            throws MalformedDataException {
        return read(payload, 0, payload.length, segmentId, dataEnd, version, blooms);
    }

    /**
     * Reads an index of format {@code version} (the segment's) from its payload, {@code payload[from..to)}.
     * The Bloom filters of version 3 and later are in {@code blooms}, whose length must be theirs; those of
     * earlier versions are in the index, and go on using {@code payload}. {@code dataEnd} bounds the
     * frame offsets it may name.
     */
    static SegmentIndex read(byte[] payload, int from, int to, long segmentId, long dataEnd, int version,
                             BloomFrame blooms) throws MalformedDataException {
        ByteCursor c = new ByteCursor().reset(payload, from, to, -from);
        long events = nonNegative(c, "event count");
        long minSequence = nonNegative(c, "min sequence");
        long maxSequence = nonNegative(c, "max sequence");
        long minTime = Varint.unzigzag(c.varlong());
        long maxTime = Varint.unzigzag(c.varlong());
        int levelCount = c.count(1, "level count");
        long[] levelCounts = new long[Level.values().length];
        for (int i = 0; i < levelCount; i++) {
            long n = nonNegative(c, "events per level");
            if (i < levelCounts.length) {
                levelCounts[i] = n;
            }
        }
        int walCount = c.count(1, "WAL id count");
        long[] walIds = new long[walCount];
        for (int i = 0; i < walCount; i++) {
            walIds[i] = nonNegative(c, "WAL id");
        }
        int runCount = c.count(25, "run count");
        List<RunInfo> runs = new ArrayList<>(runCount);
        for (int i = 0; i < runCount; i++) {
            long start = c.i64();
            long pid = c.i64();
            long nonce = c.i64();
            runs.add(new RunInfo(start, pid, c.string(), nonce));
        }
        int damageCount = c.count(4, "damage count");
        List<SegmentInfo.ConversionDamage> damages = new ArrayList<>(damageCount);
        for (int i = 0; i < damageCount; i++) {
            damages.add(new SegmentInfo.ConversionDamage(nonNegative(c, "WAL id"), nonNegative(c, "start"),
                    nonNegative(c, "end"), c.string()));
        }
        List<SegmentInfo.WalSeal> seals = version >= 2 ? seals(c) : List.of();
        SegmentInfo info = new SegmentInfo(segmentId, events, minSequence, maxSequence, minTime, maxTime, levelCounts,
                walIds, runs, damages, seals);
        int blockCount = c.count(16, "block count");
        List<BlockInfo> blocks = new ArrayList<>(blockCount);
        long expectedOffset = SegmentFormat.HEADER_SIZE;
        boolean bloomFrame = version >= 3;
        long bloomBytes = 0;
        for (int i = 0; i < blockCount; i++) {
            long offset = nonNegative(c, "frame offset");
            int length = c.varint(SegmentFormat.MAX_FRAME_LENGTH + SegmentFormat.FRAME_HEADER_SIZE, "frame length");
            if (offset != expectedOffset || offset + length > dataEnd || length < SegmentFormat.FRAME_HEADER_SIZE) {
                throw c.malformed("block " + i + " frame at " + offset + " (" + length + " bytes) is out of place");
            }
            expectedOffset = offset + length;
            int blockEvents = c.varint(SegmentFormat.MAX_BLOCK_EVENTS, "block event count");
            long first = nonNegative(c, "first sequence");
            long span = nonNegative(c, "sequence span");
            long blockMin = Varint.unzigzag(c.varlong());
            long blockMax = Varint.unzigzag(c.varlong());
            int levels = c.u8();
            int inline = c.u8();
            int[] loggers = idSet(c);
            int[] threads = idSet(c);
            int[] templates = idSet(c);
            int words = bloomFrame ? c.varint(BloomFilter.MAX_WORDS, "Bloom filter size") : c.count(8, "Bloom filter size");
            int hashes = c.u8();
            if (words == 0 || hashes == 0 || hashes > 32) {
                throw c.malformed("Bloom filter of " + words + " words and " + hashes + " probes");
            }
            long seed = version >= 4 ? BloomFilter.seedOf(first) : 0;
            BloomFilter bloom;
            if (bloomFrame) {
                if (bloomBytes + words * 8L > blooms.payloadLength()) {
                    throw c.malformed("Bloom filters larger than their frame's " + blooms.payloadLength() + " bytes");
                }
                bloom = new BloomFilter(blooms, (int) bloomBytes, words, hashes, seed);
                bloomBytes += words * 8L;
            } else {
                bloom = new BloomFilter(payload, c.position(), words, hashes, seed);
                c.skip(words * 8);
            }
            long[] ranges = version >= 4 ? integerRanges(c) : NO_RANGES;
            BlockSummary s = new BlockSummary(blockEvents, first, first + span, blockMin, blockMax, levels, inline,
                    loggers, threads, templates, bloom, ranges);
            blocks.add(s.at(i, offset, length));
        }
        if (c.remaining() != 0) {
            throw c.malformed(c.remaining() + " unexpected bytes after the block index");
        }
        if (bloomFrame && bloomBytes != blooms.payloadLength()) {
            throw c.malformed("Bloom filters of " + bloomBytes + " bytes in a frame of " + blooms.payloadLength());
        }
        return new SegmentIndex(info, blocks);
    }

    private static long[] integerRanges(ByteCursor c) throws MalformedDataException {
        int n = c.varint(BlockWords.MAX_RANGES, "integer range count");
        long[] ranges = new long[2 * n];
        for (int r = 0; r < ranges.length; r += 2) {
            long min = Varint.unzigzag(c.varlong());
            long span = nonNegative(c, "integer range span");
            if (min + span < min) {
                throw c.malformed("integer range from " + min + " past the largest long");
            }
            ranges[r] = min;
            ranges[r + 1] = min + span;
        }
        return ranges;
    }

    private static List<SegmentInfo.WalSeal> seals(ByteCursor c) throws MalformedDataException {
        int n = c.count(3, "WAL seal count");
        List<SegmentInfo.WalSeal> seals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long walId = nonNegative(c, "WAL id");
            int code = c.u8();
            long time = Varint.unzigzag(c.varlong());
            SealReason reason = code == NO_SEAL ? null : SealReason.ofCode(code - 1);
            if (code != NO_SEAL && reason == null) {
                throw c.malformed("unknown seal reason " + (code - 1) + " of WAL file " + walId);
            }
            seals.add(new SegmentInfo.WalSeal(walId, reason, time));
        }
        return seals;
    }

    private static int[] idSet(ByteCursor c) throws MalformedDataException {
        int n = c.count(1, "id count");
        int[] ids = new int[n];
        long id = 0;
        for (int i = 0; i < n; i++) {
            id += c.varint(SegmentDictionary.MAX_ENTRIES, "id delta");
            if (id > SegmentDictionary.MAX_ENTRIES || i > 0 && id == ids[i - 1]) {
                throw c.malformed("id set not increasing");
            }
            ids[i] = (int) id;
        }
        return ids;
    }

    /** A varint that must not have its top bit set (a count, an offset, a sequence number). */
    static long nonNegative(ByteCursor c, String what) throws MalformedDataException {
        long v = c.varlong();
        if (v < 0) {
            throw c.malformed(what + " out of range: " + v);
        }
        return v;
    }
}
