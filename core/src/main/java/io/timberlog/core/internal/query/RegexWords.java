package io.timberlog.core.internal.query;

import io.timberlog.core.internal.segment.Words;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The words that every match of a regular expression contains whole, found by reading the pattern
 * conservatively, so that a block index can skip blocks without them. Only runs of characters that
 * match exactly themselves, outside any group and not made optional or repeated by a quantifier, are
 * read, and in them only the words that characters other than letters and digits close on both sides:
 * {@code took} in {@code "order \\d+ took \\d+ ms"}, but not {@code order}, which a match may begin in
 * the middle of. Whatever it does not understand gives fewer words, never a wrong one: a pattern with
 * an alternation, an inline flag or group construct ({@code (?}), quoting, an escape other than the
 * common ones, or comments or canonical-equivalence mode gives none.
 */
final class RegexWords {
    private static final String QUANTIFIERS = "?*+{";
    /** Escapes of one character that is never a letter or digit: they separate words like a space. */
    private static final String SEPARATING_ESCAPES = "stnrfae";
    /** Escapes of a class or an assertion, which may stand for letters or for nothing: they end a run. */
    private static final String ENDING_ESCAPES = "dDSwWbBAGZzhHvVRX";

    private RegexWords() {
    }

    /** The words every match of {@code p} holds whole (as {@link Words} splits text). */
    static List<String> required(Pattern p) {
        List<String> words = new ArrayList<>();
        String re = p.pattern();
        if ((p.flags() & Pattern.LITERAL) != 0) {
            words.addAll(Words.wordsWithin(re, false));
            return words;
        }
        if ((p.flags() & (Pattern.COMMENTS | Pattern.CANON_EQ)) != 0 || re.contains("|") || re.contains("(?")) {
            return words;
        }
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            int atomEnd = i;
            char literal;
            if (c == '\\') {
                if (i + 1 == re.length()) {
                    return new ArrayList<>();
                }
                char e = re.charAt(i + 1);
                atomEnd = i + 1;
                if (!Character.isLetterOrDigit(e)) {
                    literal = e; // an escaped symbol is that symbol
                } else if (SEPARATING_ESCAPES.indexOf(e) >= 0) {
                    literal = ' ';
                } else if (ENDING_ESCAPES.indexOf(e) >= 0) {
                    i = atomEnd;
                    end(run, depth, words);
                    continue;
                } else {
                    return new ArrayList<>(); // a code point, a property, a back reference, quoting: not read
                }
            } else if (c == '(' || c == ')') {
                end(run, depth, words);
                depth += c == '(' ? 1 : -1;
                continue;
            } else if (c == '[') {
                i = classEnd(re, i);
                end(run, depth, words);
                continue;
            } else if (c == '.' || c == '^' || c == '$' || c == '}' || QUANTIFIERS.indexOf(c) >= 0) {
                // any character, an anchor, or a quantifier (a quantifier's numbers end up in runs of their own)
                end(run, depth, words);
                continue;
            } else {
                literal = c;
            }
            i = atomEnd;
            if (i + 1 < re.length() && QUANTIFIERS.indexOf(re.charAt(i + 1)) >= 0) {
                end(run, depth, words); // an optional or repeated character ends what is certain
            } else {
                run.append(literal);
            }
        }
        end(run, depth, words);
        return words;
    }

    /** Takes the words of a run of exact characters, when it is outside every group. */
    private static void end(StringBuilder run, int depth, List<String> words) {
        if (depth == 0) {
            words.addAll(Words.wordsWithin(run.toString(), false));
        }
        run.setLength(0);
    }

    /** The index of the {@code ]} that closes the class opening at {@code start}, or the pattern's end. */
    private static int classEnd(String re, int start) {
        int i = start + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++; // a ] first in a class is a character of it
        }
        for (int nested = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                nested++;
            } else if (c == ']') {
                if (nested == 0) {
                    return i;
                }
                nested--;
            }
        }
        return re.length();
    }
}
