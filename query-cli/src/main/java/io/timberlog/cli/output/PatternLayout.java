package io.timberlog.cli.output;

import io.timberlog.core.query.EventView;

import java.util.ArrayList;
import java.util.List;

/**
 * Formats events with logback's pattern syntax, so that {@code --pattern} takes what a logback
 * configuration already has: {@code %d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n}.
 * Literal text, {@code %} conversions with format modifiers ({@code %-5level}, {@code %.-10thread},
 * {@code %20.30logger}) and options ({@code %d{ISO8601, UTC}}), groups {@code %(...)}, colors
 * ({@code %highlight(...)}, {@code %red(...)}), and the escapes {@code \%}, {@code \(}, {@code \)},
 * {@code \\}, {@code \n}, {@code \t}. As in logback, the exception is added at the end when the
 * pattern has no {@code %ex} or {@code %nopex}. The conversion words are in {@link Conversions}.
 *
 * <p>Not thread-safe (the converters cache).
 */
public final class PatternLayout implements EventFormat {
    private final List<PatternNode> nodes;

    private PatternLayout(List<PatternNode> nodes) {
        this.nodes = nodes;
    }

    /**
     * Compiles a pattern.
     *
     * @throws IllegalArgumentException naming what is wrong and where
     */
    public static PatternLayout compile(String pattern, LayoutContext context) {
        Conversions conversions = new Conversions(context);
        Parser parser = new Parser(pattern, conversions);
        List<PatternNode> nodes = parser.sequence(false);
        if (!conversions.handlesThrowable()) {
            nodes.add(conversions.node("ex", FormatInfo.NONE, List.of()));
        }
        return new PatternLayout(flatten(nodes, new ArrayList<>()));
    }

    /**
     * The pieces with the groups that add nothing (colors, when there are none) replaced by what they
     * hold and neighbouring literal text joined: fewer calls for every event printed.
     */
    private static List<PatternNode> flatten(List<PatternNode> nodes, List<PatternNode> out) {
        for (PatternNode n : nodes) {
            List<PatternNode> inner = n instanceof PatternNode.Group ? ((PatternNode.Group) n).plainChildren() : null;
            if (inner != null) {
                flatten(inner, out);
            } else if (n instanceof PatternNode.Literal && !out.isEmpty()
                    && out.get(out.size() - 1) instanceof PatternNode.Literal) {
                String before = ((PatternNode.Literal) out.remove(out.size() - 1)).text();
                out.add(new PatternNode.Literal(before + ((PatternNode.Literal) n).text()));
            } else {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public void format(EventView hit, StringBuilder sb) {
        for (PatternNode n : nodes) {
            n.append(hit, sb);
        }
    }

    /** A recursive-descent reader of the pattern. */
    private static final class Parser {
        private final String p;
        private final Conversions conversions;
        private int i;

        Parser(String pattern, Conversions conversions) {
            this.p = pattern;
            this.conversions = conversions;
        }

        List<PatternNode> sequence(boolean inGroup) {
            List<PatternNode> nodes = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            while (i < p.length()) {
                char c = p.charAt(i);
                if (c == ')' && inGroup) {
                    break;
                }
                if (c == '\\' && i + 1 < p.length()) {
                    literal.append(unescape(p.charAt(i + 1)));
                    i += 2;
                } else if (c == '%') {
                    i++;
                    flush(literal, nodes);
                    nodes.add(conversion());
                } else {
                    literal.append(c);
                    i++;
                }
            }
            flush(literal, nodes);
            return nodes;
        }

        private static String unescape(char c) {
            switch (c) {
                case 'n': return "\n";
                case 't': return "\t";
                case 'r': return "\r";
                case '%': case '(': case ')': case '\\': case '{': case '}': return String.valueOf(c);
                default: return "\\" + c;
            }
        }

        private static void flush(StringBuilder literal, List<PatternNode> nodes) {
            if (literal.length() > 0) {
                nodes.add(new PatternNode.Literal(literal.toString()));
                literal.setLength(0);
            }
        }

        private PatternNode conversion() {
            int at = i - 1;
            FormatInfo format = formatInfo();
            String word;
            if (i < p.length() && p.charAt(i) == '(') {
                word = "";
            } else {
                int start = i;
                while (i < p.length() && Character.isLetter(p.charAt(i))) {
                    i++;
                }
                word = p.substring(start, i);
                if (word.isEmpty()) {
                    throw new IllegalArgumentException("a conversion word must follow '%' at position " + at
                            + " of the pattern (write \\% for a percent sign)");
                }
            }
            if (i < p.length() && p.charAt(i) == '(') {
                i++;
                List<PatternNode> children = sequence(true);
                if (i >= p.length()) {
                    throw new IllegalArgumentException("the group opened at position " + at + " of the pattern has no ')'");
                }
                i++;
                return conversions.group(word, format, children, options());
            }
            return conversions.node(word, format, options());
        }

        private FormatInfo formatInfo() {
            boolean leftJustify = false;
            if (i < p.length() && p.charAt(i) == '-') {
                leftJustify = true;
                i++;
            }
            int min = number();
            int max = Integer.MAX_VALUE;
            boolean truncateStart = true;
            if (i < p.length() && p.charAt(i) == '.') {
                i++;
                if (i < p.length() && p.charAt(i) == '-') {
                    truncateStart = false;
                    i++;
                }
                max = number();
                if (max < 0) {
                    throw new IllegalArgumentException("a number must follow '.' at position " + (i - 1) + " of the pattern");
                }
            }
            return min < 0 && max == Integer.MAX_VALUE && !leftJustify ? FormatInfo.NONE
                    : new FormatInfo(Math.max(0, min), max, leftJustify, truncateStart);
        }

        /** Digits at the current position as a number, or -1 when there are none. */
        private int number() {
            int start = i;
            while (i < p.length() && Character.isDigit(p.charAt(i)) && i - start < 6) {
                i++;
            }
            return i == start ? -1 : Integer.parseInt(p.substring(start, i));
        }

        /** The {@code {a, 'b', "c"}} after a conversion, split at commas outside quotes; empty when absent. */
        private List<String> options() {
            List<String> options = new ArrayList<>();
            if (i >= p.length() || p.charAt(i) != '{') {
                return options;
            }
            int at = i++;
            StringBuilder current = new StringBuilder();
            char quote = 0;
            boolean quoted = false;
            while (i < p.length()) {
                char c = p.charAt(i++);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        current.append(c);
                    }
                } else if ((c == '\'' || c == '"') && current.toString().isBlank()) {
                    // a quote opens a quoted option only at its start; inside, it is text ('T' in a date)
                    current.setLength(0);
                    quote = c;
                    quoted = true;
                } else if (c == ',') {
                    options.add(quoted ? current.toString() : current.toString().trim());
                    current.setLength(0);
                    quoted = false;
                } else if (c == '}') {
                    options.add(quoted ? current.toString() : current.toString().trim());
                    return options;
                } else {
                    current.append(c);
                }
            }
            throw new IllegalArgumentException("the option opened with '{' at position " + at + " of the pattern has no '}'");
        }
    }
}
