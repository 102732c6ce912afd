package io.timberlog.core.internal.regex;

import java.util.List;

/** A parsed regex of the part of {@link java.util.regex.Pattern}'s syntax {@link RegexParser} takes. */
abstract class RegexNode {
    private RegexNode() {
    }

    /** One symbol of a set: a literal, a class, {@code .}, {@code \d} and the like. */
    static final class Symbol extends RegexNode {
        final CharSet set;

        Symbol(CharSet set) {
            this.set = set;
        }
    }

    static final class Sequence extends RegexNode {
        final List<RegexNode> parts;

        Sequence(List<RegexNode> parts) {
            this.parts = parts;
        }
    }

    static final class Choice extends RegexNode {
        final List<RegexNode> options;

        Choice(List<RegexNode> options) {
            this.options = options;
        }
    }

    /** {@code min} to {@code max} times ({@code max} {@link #UNBOUNDED} for no limit). */
    static final class Repeat extends RegexNode {
        static final int UNBOUNDED = -1;

        final RegexNode body;
        final int min;
        final int max;

        Repeat(RegexNode body, int min, int max) {
            this.body = body;
            this.min = min;
            this.max = max;
        }
    }

    /** {@code ^} without MULTILINE: the start of the input. */
    static final class Start extends RegexNode {
        static final Start INSTANCE = new Start();
    }
}
