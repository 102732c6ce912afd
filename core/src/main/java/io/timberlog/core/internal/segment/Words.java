package io.timberlog.core.internal.segment;

import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * Calls {@code sink} with the hash of every word a block's Bloom filter holds for {@code e}: the
     * words of its formatted message, and of each argument value when the message does not show them
     * (stored verbatim, or literal).
     */
    static void forEachWordOf(LogEvent e, HashSink sink) {
        forEachWord(e.message(), sink);
        if (e.hasStoredMessage() || e.style() == MessageStyle.LITERAL) {
            for (Value v : e.arguments()) {
                forEachWord(v.text(), sink);
            }
        }
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
     * The words that every text containing {@code text} has as whole words: the words of {@code text}
     * with a non-word char before and after them inside {@code text}. A word at either end of
     * {@code text} may be part of a longer word where {@code text} occurs ({@code "rder 7"} occurs in
     * {@code "order 71"}), so it is left out, unless {@code wholeAtEnds} says that the text only counts
     * where its ends fall on word boundaries.
     */
    public static List<String> wordsWithin(String text, boolean wholeAtEnds) {
        List<String> words = new ArrayList<>();
        int n = text.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean wordChar = i < n && Character.isLetterOrDigit(text.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                if (wholeAtEnds || start > 0 && i < n) {
                    words.add(text.substring(start, i));
                }
                start = -1;
            }
        }
        return words;
    }

    /**
     * The value of a word that is the decimal text of a non-negative long, as {@code Long.toString}
     * writes it (digits, no leading zero but a lone 0); -1 for any other word. An integer argument
     * shows such a word exactly when its magnitude is this value.
     */
    public static long decimalValue(String word) {
        int n = word.length();
        if (n == 0 || n > 19 || n > 1 && word.charAt(0) == '0') {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                return -1; // past Long.MAX_VALUE
            }
        }
        return v;
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
