package io.timberlog.cli.output;

import io.timberlog.core.query.EventView;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** One piece of a compiled pattern: literal text, a conversion, or a group of pieces. */
interface PatternNode {
    /** Appends the piece, log data made safe for a terminal. */
    void append(EventView hit, StringBuilder sb);

    /**
     * Appends the piece with log data as it is, for a {@code %replace} around it, which works on the
     * text logback would see and makes the result safe itself; colors inside it are left out.
     */
    default void appendRaw(EventView hit, StringBuilder sb) {
        append(hit, sb);
    }

    /** True when the piece may hold lines of its own (a message, a stack trace) that stay lines. */
    default boolean multiLine() {
        return false;
    }

    /** Text written as the pattern has it. */
    final class Literal implements PatternNode {
        private final String text;

        Literal(String text) {
            this.text = text;
        }

        @Override
        public void append(EventView hit, StringBuilder sb) {
            sb.append(text);
        }

        String text() {
            return text;
        }
    }

    /**
     * A value of the event, cut and padded by its format modifier, then made safe for a terminal: log
     * data never reaches the output unescaped. Multi-line values (the message, a stack trace) keep
     * their newlines and tabs.
     */
    final class Conversion implements PatternNode {
        private final FormatInfo format;
        private final Function<EventView, String> value;
        private final boolean multiLine;
        private final boolean trusted;
        /**
         * The last value found to need no escape: a thread or logger name is one string of the store's
         * dictionary, event after event, and is not looked through again.
         */
        private String lastSafe;

        /**
         * @param trusted true for text that does not come from log data (a line separator), which is
         *                written as it is
         */
        Conversion(FormatInfo format, Function<EventView, String> value, boolean multiLine, boolean trusted) {
            this.format = format;
            this.value = value;
            this.multiLine = multiLine;
            this.trusted = trusted;
        }

        @Override
        public void append(EventView hit, StringBuilder sb) {
            String s = value.apply(hit);
            if (format.isNone()) {
                appendText(sb, s);
                return;
            }
            // padded in place, without a padded copy of the value: this runs for every event printed
            int padding = format.padding(s);
            String cut = format.cut(s);
            if (!format.leftJustify()) {
                FormatInfo.spaces(sb, padding);
            }
            appendText(sb, cut);
            if (format.leftJustify()) {
                FormatInfo.spaces(sb, padding);
            }
        }

        @Override
        public void appendRaw(EventView hit, StringBuilder sb) {
            sb.append(format.apply(value.apply(hit)));
        }

        @Override
        public boolean multiLine() {
            return multiLine || trusted; // the only trusted text is the line separator
        }

        private void appendText(StringBuilder sb, String s) {
            if (trusted || s == lastSafe) {
                sb.append(s);
                return;
            }
            int before = sb.length();
            SafeText.appendVisible(sb, s, multiLine);
            if (sb.length() - before == s.length()) { // every escape is longer than what it stands for
                lastSafe = s;
            }
        }
    }

    /** {@code %m} unpadded: the message formatted straight into the line, then made safe where it lies. */
    final class Message implements PatternNode {
        private final boolean indentContinuationLines;

        /** @param indentContinuationLines true to indent the lines a newline in the message starts */
        Message(boolean indentContinuationLines) {
            this.indentContinuationLines = indentContinuationLines;
        }

        @Override
        public void append(EventView event, StringBuilder sb) {
            int from = sb.length();
            event.appendMessage(sb);
            // Most messages are printable ASCII alone: then there is no newline to look for.
            if (SafeText.makeVisible(sb, from, true) && indentContinuationLines) {
                ContinuationLines.indent(sb, from);
            }
        }

        @Override
        public void appendRaw(EventView event, StringBuilder sb) {
            event.appendMessage(sb);
        }

        @Override
        public boolean multiLine() {
            return true;
        }
    }

    /** {@code %d}: the event's time, appended without a string of its own when unpadded. */
    final class Date implements PatternNode {
        private final FormatInfo format;
        private final DateText text;

        Date(FormatInfo format, DateText text) {
            this.format = format;
            this.text = text;
        }

        @Override
        public void append(EventView hit, StringBuilder sb) {
            if (format.isNone()) {
                text.appendVisible(sb, hit.epochNanos());
            } else {
                SafeText.appendVisible(sb, format.apply(text.format(hit.epochNanos())), false);
            }
        }
    }

    /**
     * Pieces in parentheses, {@code %(...)} or {@code %keyword(...)}: written between a prefix and a
     * suffix (color codes), transformed as a whole ({@code %replace}), then cut and padded.
     */
    final class Group implements PatternNode {
        private final FormatInfo format;
        private final List<PatternNode> children;
        private final Function<EventView, String> prefix;
        private final String suffix;
        private final UnaryOperator<String> transform;

        Group(FormatInfo format, List<PatternNode> children, Function<EventView, String> prefix, String suffix,
              UnaryOperator<String> transform) {
            this.format = format;
            this.children = children;
            this.prefix = prefix;
            this.suffix = suffix;
            this.transform = transform;
        }

        /** The pieces, when the group adds nothing to them (no color, modifier or transform); else {@code null}. */
        List<PatternNode> plainChildren() {
            return format.isNone() && prefix == null && transform == null ? children : null;
        }

        @Override
        public void append(EventView hit, StringBuilder sb) {
            String start = prefix == null ? null : prefix.apply(hit);
            if (format.isNone() && transform == null) {
                appendPlain(hit, sb, start);
                return;
            }
            StringBuilder inner = new StringBuilder();
            if (transform == null) {
                appendPlain(hit, inner, start);
                sb.append(format.apply(inner.toString()));
                return;
            }
            for (PatternNode child : children) {
                child.appendRaw(hit, inner);
            }
            StringBuilder safe = new StringBuilder(inner.length() + 16);
            SafeText.appendVisible(safe, transform.apply(inner.toString()), multiLine());
            sb.append(format.apply(safe.toString()));
        }

        @Override
        public void appendRaw(EventView hit, StringBuilder sb) {
            StringBuilder inner = new StringBuilder();
            for (PatternNode child : children) {
                child.appendRaw(hit, inner);
            }
            String s = transform == null ? inner.toString() : transform.apply(inner.toString());
            sb.append(format.apply(s));
        }

        @Override
        public boolean multiLine() {
            for (PatternNode child : children) {
                if (child.multiLine()) {
                    return true;
                }
            }
            return false;
        }

        private void appendPlain(EventView hit, StringBuilder sb, String start) {
            if (start != null) {
                sb.append(start);
            }
            for (PatternNode child : children) {
                child.append(hit, sb);
            }
            if (start != null && suffix != null) {
                sb.append(suffix);
            }
        }
    }
}
