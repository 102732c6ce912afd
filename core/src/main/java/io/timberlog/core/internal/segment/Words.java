package io.timberlog.core.internal.segment;

/**
 * The words that a block's Bloom filter holds, and their hashes. A word is a maximal run of chars
 * for which {@link Character#isLetterOrDigit(char)} holds, lowercased char by char with
 * {@link Character#toLowerCase(char)}; its hash is 64-bit FNV-1a over those lowercased UTF-16
 * chars, finished with the MurmurHash3 64-bit mixer. FORMAT.md gives the same definition: the
 * writer and every query must hash the same way, or a block is skipped that holds the word.
 *
 * <p>Thread-safe (stateless).
 */
public final class Words {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** Receives the hash of each word of a text. */
    interface HashSink {
        void word(long hash);
    }

    private Words() {
    }

    /** Calls {@code sink} with the hash of every word of {@code text}, in order, duplicates included. */
    static void forEachWord(String text, HashSink sink) {
        int n = text.length();
        long h = FNV_OFFSET;
        boolean inWord = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int lower = lowerIfWordChar(c);
            if (lower >= 0) {
                h = (h ^ lower) * FNV_PRIME;
                inWord = true;
            } else if (inWord) {
                sink.word(mix(h));
                h = FNV_OFFSET;
                inWord = false;
            }
        }
        if (inWord) {
            sink.word(mix(h));
        }
    }

    /**
     * {@code Character.toLowerCase(c)} when {@code Character.isLetterOrDigit(c)}, else -1; ASCII, the
     * bulk of log text, without the JDK's table lookups (the same answers: a test compares them).
     */
    static int lowerIfWordChar(char c) {
        if (c < 0x80) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                return c;
            }
            return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : -1;
        }
        return Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : -1;
    }

    /**
     * The hash of one word as a query gives it (lowercased here); equal to what the writer put into the
     * filter for the same word. A query for text of several words tests each word.
     */
    public static long wordHash(String word) {
        long h = FNV_OFFSET;
        for (int i = 0; i < word.length(); i++) {
            h = (h ^ Character.toLowerCase(word.charAt(i))) * FNV_PRIME;
        }
        return mix(h);
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
