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

    /** Receives each word of a text. */
    interface HashSink {
        /**
         * One word: its hash, and its {@link #decimalValue} (-1 for a word that is not the decimal
         * text of a non-negative long), which a version 4 block's integer ranges may stand for.
         */
        void word(long hash, long decimalValue);
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

    /** Calls {@code sink} with every word of {@code text}, in order, duplicates included. */
    static void forEachWord(CharSequence text, HashSink sink) {
        int n = text.length();
        long h = FNV_OFFSET;
        long value = 0;
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int lower = lowerIfWordChar(c);
            if (lower >= 0) {
                h = (h ^ lower) * FNV_PRIME;
                value = withDigit(value, length, c);
                length++;
            } else if (length > 0) {
                sink.word(mix(h), value);
                h = FNV_OFFSET;
                value = 0;
                length = 0;
            }
        }
        if (length > 0) {
            sink.word(mix(h), value);
        }
    }

    /**
     * The value of a word's first {@code length} chars and {@code c} after them, as {@link #decimalValue}
     * reads it, from {@code value}, that of the first {@code length} (-1 when it has none).
     */
    private static long withDigit(long value, int length, char c) {
        if (value < 0 || c < '0' || c > '9' || length >= 19 || length > 0 && value == 0) {
            return -1; // not a digit, past 19 digits, or a leading zero
        }
        long v = value * 10 + (c - '0');
        return v < 0 ? -1 : v; // past Long.MAX_VALUE
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
     * True when every word of a message made from {@code template} in SLF4J's or log4j2's style lies
     * within the template's text or within one argument's text: the template has no backslash, and
     * beside each {@code {}} a character that can neither join a word nor make another placeholder
     * (what almost every log statement looks like).
     */
    public static boolean isSimpleTemplate(String template) {
        if (template.indexOf('\\') >= 0) {
            return false;
        }
        for (int p = template.indexOf("{}"); p >= 0; p = template.indexOf("{}", p + 2)) {
            if (p > 0 && !separates(template.charAt(p - 1))
                    || p + 2 < template.length() && !separates(template.charAt(p + 2))) {
                return false;
            }
        }
        return true;
    }

    private static boolean separates(char c) {
        return !Character.isLetterOrDigit(c) && c != '{' && c != '}';
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
        long v = word.isEmpty() ? -1 : 0;
        for (int i = 0; i < word.length() && v >= 0; i++) {
            v = withDigit(v, i, word.charAt(i));
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

    /**
     * The hash of the word that a non-negative long shows: its decimal digits, as {@link #wordHash}
     * gives it for {@code Long.toString(value)}, with no string made.
     */
    static long numberHash(long value) {
        long divisor = 1;
        while (divisor <= value / 10) {
            divisor *= 10;
        }
        long h = FNV_OFFSET;
        for (long rest = value; divisor > 0; divisor /= 10) {
            h = (h ^ ('0' + rest / divisor)) * FNV_PRIME;
            rest %= divisor;
        }
        return mix(h);
    }

    /** MurmurHash3's fmix64: every bit of the result depends on every bit of {@code k}. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
