package io.timberlog.core.internal.segment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A Bloom filter over 64-bit word hashes ({@link Words}): {@code m} bits in 64-bit words and
 * {@code k} probes, probe {@code i} setting bit {@code (h1 + i * h2) mod m} where {@code h1} is the
 * low and {@code h2} the high 32 bits of the hash, both unsigned ({@code h2} forced odd). From
 * segment version 4 the hash is first mixed with a seed of the block ({@link #seedOf}): blocks hold
 * many of the same words (a duration's few hundred values, the words of the same templates), and
 * with the same size and no seed their filters set the same bits, so that a word that one of them
 * lets through by mistake most of the others let through too (a quarter of a store's blocks, for
 * some words). A negative answer is certain; a positive one is wrong with probability about 0.3% at
 * the writer's sizing of {@link #BITS_PER_WORD} bits per distinct word and {@link #HASHES} probes.
 *
 * <p>The bits are little-endian 64-bit words, as the segment stores them: a reader tests them where
 * they are, in the mapped Bloom frame or in the index frame of a version 1 or 2 segment, and copies
 * no filter.
 *
 * <p>Immutable once built; thread-safe for reads.
 */
public final class BloomFilter {
    static final int BITS_PER_WORD = 12;
    static final int HASHES = 8;
    /** Seeds are multiples of this odd constant (2^64 divided by the golden ratio): distinct for distinct sequences. */
    private static final long SEED_STEP = 0x9E3779B97F4A7C15L;
    /** Readers reject filters larger than this many 64-bit words. */
    static final int MAX_WORDS = 1 << 22;

    /** The bits, or {@code null} when they are in {@link #frame}; read with absolute gets only. */
    private final ByteBuffer bits;
    private final BloomFrame frame;
    private final int offset;
    private final int words;
    private final int hashes;
    /** Mixed into every hash before probing; 0 for none (segment versions 1 to 3). */
    private final long seed;

    /** The filter whose {@code words} 64-bit words start at {@code bytes[offset]}. */
    BloomFilter(byte[] bytes, int offset, int words, int hashes, long seed) {
        this(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), null, offset, words, hashes, seed);
    }

    /** The filter whose {@code words} 64-bit words start at {@code offset} of {@code frame}'s payload, mapped when first tested. */
    BloomFilter(BloomFrame frame, int offset, int words, int hashes, long seed) {
        this(null, frame, offset, words, hashes, seed);
    }

    private BloomFilter(ByteBuffer bits, BloomFrame frame, int offset, int words, int hashes, long seed) {
        this.bits = bits;
        this.frame = frame;
        this.offset = offset;
        this.words = words;
        this.hashes = hashes;
        this.seed = seed;
    }

    /**
     * The seed of the filter of a version 4 block whose first event has sequence number
     * {@code firstSequence}: {@code (firstSequence + 1) * 0x9E3779B97F4A7C15}, never 0.
     */
    static long seedOf(long firstSequence) {
        return (firstSequence + 1) * SEED_STEP;
    }

    /** A filter sized for the distinct hashes given, holding them all. */
    static BloomFilter of(long[] distinctHashes, int count, long seed) {
        long m = Math.max(64, (long) count * BITS_PER_WORD);
        int words = (int) Math.min(MAX_WORDS, (m + 63) >>> 6);
        BloomFilter filter = new BloomFilter(new byte[words * 8], 0, words, HASHES, seed);
        for (int i = 0; i < count; i++) {
            filter.add(distinctHashes[i]);
        }
        return filter;
    }

    private void add(long wordHash) {
        long hash = seeded(wordHash);
        for (int i = 0; i < hashes; i++) {
            long bit = probe(hash, i);
            int at = offset + (int) (bit >>> 6) * 8;
            bits.putLong(at, bits.getLong(at) | 1L << bit);
        }
    }

    /**
     * False when no word with this hash was added; true when it may have been, and when the filter's
     * frame cannot be read (see {@link BloomFrame}).
     */
    public boolean mightContain(long wordHash) {
        ByteBuffer b = bits != null ? bits : frame.bits();
        if (b == null) {
            return true;
        }
        long hash = seeded(wordHash);
        for (int i = 0; i < hashes; i++) {
            long bit = probe(hash, i);
            if ((b.getLong(offset + (int) (bit >>> 6) * 8) & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private long seeded(long wordHash) {
        return seed == 0 ? wordHash : Words.mix(wordHash + seed);
    }

    /** The bit that probe {@code i} of {@code hash} (seeded) sets. */
    private long probe(long hash, int i) {
        long h1 = hash & 0xFFFFFFFFL;
        long h2 = (hash >>> 32) | 1;
        return (h1 + i * h2) % ((long) words << 6);
    }

    /** Writes the filter's size as the index stores it: varint words, u8 probes. */
    void writeSizeTo(ByteSink out) {
        out.varint(words);
        out.u8(hashes);
    }

    /** Writes the filter's bits as the Bloom frame stores them: its 64-bit words. Only for a filter built here. */
    void writeBitsTo(ByteSink out) {
        out.bytes(bits.array(), offset, words * 8);
    }
}
