package io.timberlog.core.internal.segment;

import io.timberlog.core.internal.io.ByteCursor;
import io.timberlog.core.internal.io.MalformedDataException;
import io.timberlog.core.internal.io.Varint;
import io.timberlog.core.internal.io.Wtf8;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static io.timberlog.core.internal.segment.BlockLayout.ARG_DOUBLE;
import static io.timberlog.core.internal.segment.BlockLayout.ARG_FLOAT;
import static io.timberlog.core.internal.segment.BlockLayout.ARG_INT;
import static io.timberlog.core.internal.segment.BlockLayout.ARG_NUMBERS;
import static io.timberlog.core.internal.segment.BlockLayout.ARG_TEXT;
import static io.timberlog.core.internal.segment.BlockLayout.MESSAGE;
import static io.timberlog.core.internal.segment.BlockLayout.TEMPLATE;

/**
 * A test of a whole block for the words that a text filter needs, made on its raw columns before any
 * event is decoded: false when no event of the block can show all of them as whole words. A block
 * that its Bloom filter let through by mistake (about one in three hundred for a word the block
 * lacks; one in fifty before segment version 4) is then passed over for the cost of a few column
 * scans, instead of having each of its events decoded and tested.
 *
 * <p>Where a word of a message can come from, and what is looked at for it:
 * <ul>
 *   <li>the text of a template that {@link Templates} calls simple (each word of its messages lies
 *       within the template's text or within one argument's text): whether that text holds it;
 *       a template that is not simple makes every word possible;</li>
 *   <li>a template stored inline, mostly those of events without arguments: its bytes, when it has no
 *       brace or backslash (its message is then its text); else as a template above;</li>
 *   <li>a stored message, a string argument, a numbered string's shape: their bytes;</li>
 *   <li>an integer argument, for a word of digits without a leading zero: the values, compared as
 *       numbers; a number in a numbered string likewise. A word of letters and digits can join a
 *       shape's letters to a number, so a block with numbered strings may show any such word;</li>
 *   <li>a float or a double: a block with one may show any word (their texts are not made);</li>
 *   <li>{@code null}, {@code true}, {@code false}: always possible.</li>
 * </ul>
 * Byte searches find a word's UTF-8 bytes anywhere, not only as a whole word, so the scan may say yes
 * where the event test then says no, never the reverse.
 *
 * <p>At most 64 words are tested (more make it answer yes). Not thread-safe: one per reading thread.
 */
public final class BlockWordScan {
    private static final int MAX_WORDS = 64;
    private static final List<String> SCALAR_WORDS = List.of("null", "true", "false");

    /** What a template's text says about the words. */
    public interface Templates {
        /**
         * A bit set, bit {@code w} for word {@code w}, of the words that {@code template}'s text holds as
         * whole words; -1 when the template is not simple, so that its messages may show any word.
         */
        long heldWords(String template);
    }

    private final int count;
    private final long all;
    private final byte[][] utf8;
    /** The value of each word made of digits without a leading zero that fits a long, else -1. */
    private final long[] numbers;
    /** For each digit word, the varint bytes its value has in an integer column (both signs) and in a numbers column. */
    private final byte[][][] signedVarints;
    private final byte[][][] unsignedVarints;
    /** Words that integers may show: digits that do not fit a long are shown by Long.MIN_VALUE alone. */
    private final long digitWords;
    private final long bigDigitWords;
    /** Words with both letters and digits, which a numbered string may form from its shape and a number. */
    private final long mixedWords;
    private final long scalarWords;
    private final Templates templates;

    private BlockWordScan(List<String> words, Templates templates) {
        this.count = words.size();
        this.all = count == MAX_WORDS ? -1L : (1L << count) - 1;
        this.utf8 = new byte[count][];
        this.numbers = new long[count];
        this.signedVarints = new byte[count][][];
        this.unsignedVarints = new byte[count][][];
        this.templates = templates;
        long digits = 0;
        long big = 0;
        long mixed = 0;
        long scalar = 0;
        for (int w = 0; w < count; w++) {
            String word = words.get(w);
            utf8[w] = word.getBytes(StandardCharsets.UTF_8);
            numbers[w] = Words.decimalValue(word);
            if (numbers[w] >= 0) {
                digits |= 1L << w;
                signedVarints[w] = varints(numbers[w], true);
                unsignedVarints[w] = varints(numbers[w], false);
            } else if (word.equals(Long.toString(Long.MIN_VALUE).substring(1))) {
                big |= 1L << w;
            }
            if (hasDigitAndNonDigit(word)) {
                mixed |= 1L << w;
            }
            if (SCALAR_WORDS.contains(word)) {
                scalar |= 1L << w;
            }
        }
        this.digitWords = digits;
        this.bigDigitWords = big;
        this.mixedWords = mixed;
        this.scalarWords = scalar;
    }

    private static boolean hasDigitAndNonDigit(String word) {
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < word.length(); i++) {
            boolean d = word.charAt(i) >= '0' && word.charAt(i) <= '9';
            digit |= d;
            other |= !d;
        }
        return digit && other;
    }

    /** The scan for these words, or {@code null} when there are none or too many to scan for. */
    public static BlockWordScan of(List<String> words, Templates templates) {
        return words.isEmpty() || words.size() > MAX_WORDS ? null : new BlockWordScan(words, templates);
    }

    /** False when no event of {@code block} can show every word; true when one may. */
    boolean mayShowAll(DecodedBlock block) throws MalformedDataException {
        long wanted = scanTemplates(block, all & ~scalarWords);
        if (wanted == 0) {
            return true;
        }
        if (block.rawLength(ARG_FLOAT) > 0 || block.rawLength(ARG_DOUBLE) > 0) {
            return true;
        }
        if (block.rawLength(ARG_NUMBERS) > 0) {
            wanted &= ~mixedWords;
        }
        wanted = search(block, MESSAGE, wanted);
        wanted = search(block, ARG_TEXT, wanted);
        if ((wanted & (digitWords | bigDigitWords)) != 0) {
            wanted = scanValues(block, ARG_INT, true, wanted);
        }
        if ((wanted & digitWords) != 0) {
            wanted = scanValues(block, ARG_NUMBERS, false, wanted);
        }
        return wanted == 0;
    }

    /** Takes out of {@code wanted} the words the block's templates hold; 0 when a template may show any word. */
    private long scanTemplates(DecodedBlock block, long wanted) throws MalformedDataException {
        byte[] column = block.column(TEMPLATE);
        ByteCursor c = new ByteCursor().reset(column, 0, column.length, 0);
        SegmentDictionary dictionary = block.dictionary();
        int lastRef = -1;
        for (int i = 0, n = block.eventCount(); i < n && wanted != 0; i++) {
            int ref = c.varint(SegmentDictionary.MAX_ENTRIES, "template ref");
            if (ref == 0) {
                int length = c.varint(c.remaining(), "string length");
                int at = c.position();
                c.skip(length);
                // Without braces or backslashes the message is the template's text, whatever its arguments.
                wanted = hasBraceOrBackslash(column, at, at + length)
                        ? wanted & ~templates.heldWords(Wtf8.decode(column, at, length))
                        : search(column, at, at + length, wanted);
            } else if (ref != lastRef) {
                if (ref - 1 >= dictionary.size()) {
                    throw c.malformed("dictionary id " + (ref - 1) + " of " + dictionary.size());
                }
                lastRef = ref;
                wanted &= ~templates.heldWords(dictionary.string(ref - 1));
            }
        }
        return wanted;
    }

    private static boolean hasBraceOrBackslash(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '{' || bytes[i] == '}' || bytes[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    private long search(DecodedBlock block, int column, long wanted) throws MalformedDataException {
        if (wanted == 0 || block.rawLength(column) == 0) {
            return wanted;
        }
        byte[] bytes = block.column(column);
        return search(bytes, 0, bytes.length, wanted);
    }

    /** Takes out of {@code wanted} the words whose bytes occur in {@code bytes[from, to)}. */
    private long search(byte[] bytes, int from, int to, long wanted) {
        for (int w = 0; w < count; w++) {
            if ((wanted & 1L << w) != 0 && indexOf(bytes, from, to, utf8[w]) >= 0) {
                wanted &= ~(1L << w);
            }
        }
        return wanted;
    }

    static int indexOf(byte[] bytes, int from, int to, byte[] word) {
        byte first = word[0];
        for (int i = from, last = to - word.length; i <= last; i++) {
            if (bytes[i] == first && matchesAt(bytes, i, word)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] bytes, int at, byte[] word) {
        for (int k = 1; k < word.length; k++) {
            if (bytes[at + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes out of {@code wanted} the digit words equal to a value of a column of varints: zigzag
     * integers shown with their sign ({@code signed}), or the non-negative numbers of numbered strings.
     */
    private long scanValues(DecodedBlock block, int column, boolean signed, long wanted) throws MalformedDataException {
        if (block.rawLength(column) == 0) {
            return wanted;
        }
        byte[] bytes = block.column(column);
        if ((wanted & bigDigitWords) == 0 && !mayHoldEncoding(bytes, signed, wanted)) {
            return wanted;
        }
        ByteCursor c = new ByteCursor().reset(bytes, 0, bytes.length, 0);
        while (c.remaining() > 0 && (wanted & (digitWords | bigDigitWords)) != 0) {
            long v = signed ? Varint.unzigzag(c.varlong()) : c.varlong();
            if (v == Long.MIN_VALUE) {
                wanted &= ~bigDigitWords;
                continue;
            }
            long magnitude = Math.abs(v);
            for (int w = 0; w < count; w++) {
                if (numbers[w] == magnitude && (wanted & 1L << w) != 0) {
                    wanted &= ~(1L << w);
                }
            }
        }
        return wanted;
    }

    /**
     * False when no wanted digit word's value is stored in the column: the bytes of its varint (either
     * sign's, for {@code signed}) occur nowhere in it. A byte search is several times cheaper than
     * decoding every value, and a rare number (the needle of a query) is in no block but its own.
     */
    private boolean mayHoldEncoding(byte[] column, boolean signed, long wanted) {
        for (int w = 0; w < count; w++) {
            if ((wanted & digitWords & 1L << w) == 0) {
                continue;
            }
            byte[][] encodings = signed ? signedVarints[w] : unsignedVarints[w];
            for (byte[] encoding : encodings) {
                if (indexOf(column, 0, column.length, encoding) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The varint encodings of a digit word's value: unsigned, or zigzag of both signs. */
    private static byte[][] varints(long value, boolean signed) {
        if (!signed) {
            return new byte[][] {varint(value)};
        }
        return value == 0 ? new byte[][] {varint(0)} : new byte[][] {varint(Varint.zigzag(value)), varint(Varint.zigzag(-value))};
    }

    private static byte[] varint(long value) {
        byte[] buf = new byte[Varint.MAX_LENGTH];
        return Arrays.copyOf(buf, Varint.write(buf, 0, value));
    }
}
