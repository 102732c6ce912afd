package io.timberlog.core.internal.regex;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the part of {@link java.util.regex.Pattern}'s syntax (no flags) that a finite automaton
 * matches exactly as {@code Matcher.find()} does: literals, {@code .}, classes with ranges and
 * negation, {@code \d \D \s \S \w \W}, {@code \t \n \r \f \a \e}, {@code \xhh}, {@code \}{@code uhhhh},
 * {@code \Q...\E}, groups (capturing, non-capturing and named), alternation, the quantifiers
 * {@code * + ? {n} {n,} {n,m}} greedy or lazy, and a leading {@code ^}. Anything else (anchors
 * elsewhere, {@code $}, word boundaries, look-around, back references, possessive quantifiers,
 * nested classes, property classes, any surrogate or supplementary character) is refused: the caller
 * then uses {@code java.util.regex}. The pattern has been compiled by {@code Pattern} first, so a
 * syntax error here only means a refusal too.
 */
final class RegexParser {
    /** Copies a bounded repeat may make of its body before the pattern is refused. */
    private static final int MAX_REPEAT = 100;

    private final String p;
    private int i;
    private int depth;
    /** True when the pattern has a '|' outside any group. */
    private boolean topLevelChoice;

    private RegexParser(String pattern) {
        this.p = pattern;
    }

    /** Thrown for a pattern outside the supported part. */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** The tree of {@code pattern}, compiled without flags. */
    static RegexNode parse(String pattern) throws Unsupported {
        RegexParser parser = new RegexParser(pattern);
        List<RegexNode> parts = new ArrayList<>();
        if (pattern.startsWith("^")) {
            parser.i = 1;
            parts.add(RegexNode.Start.INSTANCE);
        }
        RegexNode body = parser.choice();
        if (parser.i != pattern.length()) {
            throw new Unsupported("unexpected ')' at " + parser.i);
        }
        if (parts.isEmpty()) {
            return body;
        }
        if (parser.topLevelChoice) {
            throw new Unsupported("'^' before an alternation"); // "^a|b": the anchor binds to the first option only
        }
        parts.add(body);
        return new RegexNode.Sequence(parts);
    }

    private RegexNode choice() throws Unsupported {
        List<RegexNode> options = new ArrayList<>();
        options.add(sequence());
        while (i < p.length() && p.charAt(i) == '|') {
            i++;
            topLevelChoice |= depth == 0;
            options.add(sequence());
        }
        return options.size() == 1 ? options.get(0) : new RegexNode.Choice(options);
    }

    private RegexNode sequence() throws Unsupported {
        List<RegexNode> parts = new ArrayList<>();
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            if (p.startsWith("\\Q", i)) {
                quoted(parts);
                continue;
            }
            RegexNode atom = atom();
            parts.add(quantified(atom));
        }
        return parts.size() == 1 ? parts.get(0) : new RegexNode.Sequence(parts);
    }

    /** {@code \Q...\E}: every char up to {@code \E} (or the end) is literal. */
    private void quoted(List<RegexNode> parts) throws Unsupported {
        int end = p.indexOf("\\E", i + 2);
        int stop = end < 0 ? p.length() : end;
        for (int k = i + 2; k < stop; k++) {
            parts.add(literal(p.charAt(k)));
        }
        i = end < 0 ? p.length() : end + 2;
        if (i < p.length() && isQuantifier(p.charAt(i))) {
            throw new Unsupported("a quantifier after \\Q...\\E");
        }
    }

    private static boolean isQuantifier(char c) {
        return c == '*' || c == '+' || c == '?' || c == '{';
    }

    private RegexNode atom() throws Unsupported {
        char c = p.charAt(i++);
        switch (c) {
            case '.':
                return new RegexNode.Symbol(CharSet.DOT);
            case '[':
                return new RegexNode.Symbol(charClass());
            case '(':
                return group();
            case '\\':
                return new RegexNode.Symbol(escape(false));
            case '^':
            case '$':
                throw new Unsupported("an anchor inside the pattern");
            case '*':
            case '+':
            case '?':
            case '{':
                throw new Unsupported("a quantifier with nothing before it");
            default:
                return literal(c);
        }
    }

    private static RegexNode literal(char c) throws Unsupported {
        return new RegexNode.Symbol(single(c));
    }

    private static CharSet single(int c) throws Unsupported {
        if (c >= CharSet.SURROGATE_FIRST && c <= CharSet.SURROGATE_LAST) {
            throw new Unsupported("a surrogate in the pattern");
        }
        return CharSet.range(c, c);
    }

    private RegexNode group() throws Unsupported {
        if (p.startsWith("?:", i)) {
            i += 2;
        } else if (p.startsWith("?<", i) && i + 2 < p.length() && Character.isLetter(p.charAt(i + 2))) {
            int close = p.indexOf('>', i);
            if (close < 0) {
                throw new Unsupported("unclosed group name");
            }
            i = close + 1; // a named group: the name does not change what matches
        } else if (i < p.length() && p.charAt(i) == '?') {
            throw new Unsupported("look-around, atomic group or inline flags");
        }
        depth++;
        RegexNode body = choice();
        depth--;
        if (i >= p.length() || p.charAt(i) != ')') {
            throw new Unsupported("unclosed group");
        }
        i++;
        return body;
    }

    private RegexNode quantified(RegexNode atom) throws Unsupported {
        if (i >= p.length()) {
            return atom;
        }
        int min;
        int max;
        char c = p.charAt(i);
        if (c == '*') {
            min = 0;
            max = RegexNode.Repeat.UNBOUNDED;
            i++;
        } else if (c == '+') {
            min = 1;
            max = RegexNode.Repeat.UNBOUNDED;
            i++;
        } else if (c == '?') {
            min = 0;
            max = 1;
            i++;
        } else if (c == '{') {
            i++;
            min = number();
            max = min;
            if (i < p.length() && p.charAt(i) == ',') {
                i++;
                max = i < p.length() && p.charAt(i) == '}' ? RegexNode.Repeat.UNBOUNDED : number();
            }
            if (i >= p.length() || p.charAt(i) != '}' || max != RegexNode.Repeat.UNBOUNDED && max < min) {
                throw new Unsupported("a malformed {n,m}");
            }
            i++;
        } else {
            return atom;
        }
        if (i < p.length() && p.charAt(i) == '?') {
            i++; // lazy: finds the same lines
        } else if (i < p.length() && p.charAt(i) == '+') {
            throw new Unsupported("a possessive quantifier");
        }
        if (i < p.length() && isQuantifier(p.charAt(i))) {
            throw new Unsupported("a quantifier after a quantifier");
        }
        return new RegexNode.Repeat(atom, min, max);
    }

    private int number() throws Unsupported {
        int start = i;
        while (i < p.length() && p.charAt(i) >= '0' && p.charAt(i) <= '9' && i - start < 4) {
            i++;
        }
        if (i == start || i < p.length() && p.charAt(i) >= '0' && p.charAt(i) <= '9') {
            throw new Unsupported("a repeat count");
        }
        int n = Integer.parseInt(p.substring(start, i));
        if (n > MAX_REPEAT) {
            throw new Unsupported("a repeat count above " + MAX_REPEAT);
        }
        return n;
    }

    /** After the {@code [}: the class up to its {@code ]}. */
    private CharSet charClass() throws Unsupported {
        boolean negated = i < p.length() && p.charAt(i) == '^';
        if (negated) {
            i++;
        }
        if (i < p.length() && (p.charAt(i) == ']' || p.charAt(i) == '-')) {
            throw new Unsupported("']' or '-' first in a class");
        }
        CharSet set = CharSet.EMPTY;
        while (true) {
            if (i >= p.length()) {
                throw new Unsupported("an unclosed class");
            }
            char c = p.charAt(i);
            if (c == ']') {
                i++;
                break;
            }
            if (c == '[' || c == '&' || c == '^') {
                throw new Unsupported("a nested class, intersection or '^' inside a class");
            }
            i++;
            CharSet item;
            int first = -1;
            if (c == '\\') {
                item = escape(true);
                if (item.isSingle()) {
                    first = item.first();
                }
            } else if (c == '-') {
                if (i < p.length() && p.charAt(i) == ']') {
                    item = single('-'); // last in the class: literal
                } else {
                    throw new Unsupported("'-' in the middle of a class");
                }
            } else {
                item = single(c);
                first = c;
            }
            if (first >= 0 && i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                i++;
                char d = p.charAt(i++);
                int last;
                if (d == '\\') {
                    CharSet end = escape(true);
                    if (!end.isSingle()) {
                        throw new Unsupported("a range ending in a class escape");
                    }
                    last = end.first();
                } else if (d == '[' || d == '&') {
                    throw new Unsupported("a range ending in a nested class");
                } else {
                    last = d;
                }
                if (last < first || first <= CharSet.SURROGATE_LAST && last >= CharSet.SURROGATE_FIRST) {
                    throw new Unsupported("a reversed range or one over the surrogates");
                }
                item = CharSet.range(first, last);
            }
            set = set.union(item);
        }
        return negated ? set.complement() : set;
    }

    /** After the backslash: the set an escape stands for. */
    private CharSet escape(boolean inClass) throws Unsupported {
        if (i >= p.length()) {
            throw new Unsupported("a trailing backslash");
        }
        char c = p.charAt(i++);
        switch (c) {
            case 'd': return CharSet.DIGIT;
            case 'D': return CharSet.DIGIT.complement();
            case 's': return CharSet.SPACE;
            case 'S': return CharSet.SPACE.complement();
            case 'w': return CharSet.WORD;
            case 'W': return CharSet.WORD.complement();
            case 't': return single('\t');
            case 'n': return single('\n');
            case 'r': return single('\r');
            case 'f': return single('\f');
            case 'a': return single('\u0007');
            case 'e': return single('\u001B');
            case 'x': return single(hex(2));
            case 'u': return single(hex(4));
            default:
                if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                    return single(c); // an escaped punctuation char is itself
                }
                throw new Unsupported("the escape \\" + c + (inClass ? " in a class" : ""));
        }
    }

    private int hex(int digits) throws Unsupported {
        if (i + digits > p.length()) {
            throw new Unsupported("a short hex escape");
        }
        int v = 0;
        for (int k = 0; k < digits; k++) {
            int d = Character.digit(p.charAt(i++), 16);
            if (d < 0) {
                throw new Unsupported("a hex escape");
            }
            v = v * 16 + d;
        }
        return v;
    }
}
