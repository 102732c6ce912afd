package io.timberlog.core.internal.query;

import io.timberlog.core.MessageStyle;
import io.timberlog.core.internal.segment.BlockWordScan;
import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.Words;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A first test of the whole words that the text filters need ({@code order}, {@code 5000000} and
 * {@code for} of {@code --text 'order 5000000 for'}), made on an event's template and arguments
 * before its message is formatted. A block that a Bloom filter let through by mistake, and that the
 * {@link BlockWordScan} of its columns could not rule out, would otherwise have every message
 * formatted only to find none that matches.
 *
 * <p>It is exact, never wrong about an event it rules out: in a template without backslashes whose
 * placeholders have a character other than a letter, digit or brace on each side (what almost every
 * log statement looks like), the message is the template's text with the arguments' texts put in
 * place of the placeholders, so a run of letters and digits in it, a whole word, lies within the
 * template's text or within one argument's text. Then a word the template does not hold must be in
 * an argument. Any other template, and a message stored verbatim, passes on to the full test.
 * Not thread-safe: one per reading thread.
 */
final class WordPrefilter {
    /** What a template says about the words: whether it is simple as above, and which words it holds. */
    private static final class TemplateWords {
        final boolean simple;
        final boolean[] held;
        /** For {@link BlockWordScan}: bit w set when the template holds word w; -1 when it is not simple. */
        final long heldBits;

        TemplateWords(boolean simple, boolean[] held) {
            this.simple = simple;
            this.held = held;
            long bits = 0;
            for (int w = 0; w < held.length && w < Long.SIZE; w++) {
                bits |= held[w] ? 1L << w : 0;
            }
            this.heldBits = simple ? bits : -1;
        }
    }

    private final String[] words;
    private final Map<String, TemplateWords> templates = new HashMap<>();
    private final boolean[] found;
    /** Each word's {@link Words#decimalValue}: an integer argument shows the word when its magnitude is that. */
    private final long[] numbers;
    private final StringBuilder argument = new StringBuilder(64);
    private String lastTemplate;
    private TemplateWords lastTemplateWords;

    private final BlockWordScan blockScan;

    private WordPrefilter(List<String> words) {
        this.words = words.toArray(new String[0]);
        this.found = new boolean[this.words.length];
        this.numbers = new long[this.words.length];
        for (int w = 0; w < numbers.length; w++) {
            numbers[w] = Words.decimalValue(this.words[w]);
        }
        this.blockScan = BlockWordScan.of(words, template -> templateWords(template).heldBits);
    }

    /** The prefilter for these whole words (case as they must match), or {@code null} when there are none. */
    static WordPrefilter of(List<String> words) {
        return words.isEmpty() ? null : new WordPrefilter(words);
    }

    /** False when no event of {@code block} can hold every word (see {@link BlockWordScan}); true when one may. */
    boolean mayMatchBlock(DecodedBlock block) throws SegmentDamageException {
        return blockScan == null || block.mayShowWords(blockScan);
    }

    /** False when event {@code i} of {@code block} cannot hold every word; true when it may. */
    boolean mayMatch(DecodedBlock block, int i) throws SegmentDamageException {
        if (block.hasStoredMessage(i)) {
            return true;
        }
        String template = block.template(i);
        if (template == null) {
            return true;
        }
        TemplateWords t = templateWords(template);
        int missing = 0;
        for (int w = 0; w < words.length; w++) {
            found[w] = t.held[w];
            missing += found[w] ? 0 : 1;
        }
        if (missing == 0) {
            return true;
        }
        MessageStyle style = block.style(i);
        if (style == MessageStyle.LITERAL) {
            return false; // the template is the message
        }
        if (!t.simple) {
            return true;
        }
        for (int k = 0, n = block.argumentCount(i); k < n && missing > 0; k++) {
            if (block.isIntegerArgument(i, k) && block.integerArgument(i, k) != Long.MIN_VALUE) {
                missing = findInteger(Math.abs(block.integerArgument(i, k)), missing);
                continue;
            }
            if (block.isNumberedString(i, k) && onlyDigitWordsMissing()) {
                missing = findInNumberedString(block, i, k, missing);
                continue;
            }
            argument.setLength(0);
            block.appendArgument(i, k, argument);
            for (int w = 0; w < words.length; w++) {
                if (!found[w] && EventFilter.contains(argument, words[w], true)) {
                    found[w] = true;
                    missing--;
                }
            }
        }
        return missing == 0;
    }

    /**
     * Marks found the words that an integer of this magnitude shows: its text is its digits, with a
     * minus sign before them for a negative one, so its only word is the digits.
     */
    private int findInteger(long magnitude, int missing) {
        for (int w = 0; w < words.length; w++) {
            if (!found[w] && numbers[w] == magnitude) {
                found[w] = true;
                missing--;
            }
        }
        return missing;
    }

    private boolean onlyDigitWordsMissing() {
        for (int w = 0; w < words.length; w++) {
            if (!found[w] && numbers[w] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Marks found the words of digits that the numbered string argument {@code k} of event {@code i}
     * may show: those equal to one of its numbers (its only words of digits without a leading zero).
     */
    private int findInNumberedString(DecodedBlock block, int i, int k, int missing) throws SegmentDamageException {
        for (int w = 0; w < words.length; w++) {
            if (!found[w] && block.numberedStringHas(i, k, numbers[w])) {
                found[w] = true;
                missing--;
            }
        }
        return missing;
    }

    private TemplateWords templateWords(String template) {
        if (template == lastTemplate) {
            return lastTemplateWords; // events of a block mostly share the one template string
        }
        TemplateWords t = templates.get(template);
        if (t == null) {
            t = analyse(template);
            templates.put(template, t);
        }
        lastTemplate = template;
        lastTemplateWords = t;
        return t;
    }

    private TemplateWords analyse(String template) {
        boolean[] held = new boolean[words.length];
        for (int w = 0; w < words.length; w++) {
            held[w] = EventFilter.contains(template, words[w], true);
        }
        return new TemplateWords(Words.isSimpleTemplate(template), held);
    }
}
