package io.timberlog.core.internal.segment;

import io.timberlog.core.Value;
import io.timberlog.core.ValueKind;
import io.timberlog.core.internal.format.LazyValues;
import io.timberlog.core.internal.format.TextAutomaton;
import io.timberlog.core.internal.format.ValueText;
import io.timberlog.core.internal.io.ByteCursor;
import io.timberlog.core.internal.io.MalformedDataException;
import io.timberlog.core.internal.io.Varint;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static io.timberlog.core.internal.segment.BlockLayout.*;
import static io.timberlog.core.internal.wal.EventLayout.*;

/**
 * The arguments of a block's events, read from the argument columns (stored in slot order, see
 * {@link BlockLayout}) into arrays in event order: a scan formats messages and tests arguments from
 * them without an object per value, and makes {@link Value}s only for the events it keeps.
 *
 * <p>Immutable once decoded; the views it hands out are not thread-safe.
 */
final class BlockArguments {
    /** Per event, the index of its first argument; one more entry holds the total. */
    private final int[] start;
    private final byte[] kinds;
    private final long[] bits;
    /** The text of a string or failed-toString argument, or the shape of a numbered string. */
    private final String[] texts;
    /** For a numbered string, where its numbers start in {@link #numbers}. */
    private final int[] numbersAt;
    private final long[] numbers;

    private BlockArguments(int[] start, byte[] kinds, long[] bits, String[] texts, int[] numbersAt, long[] numbers) {
        this.start = start;
        this.kinds = kinds;
        this.bits = bits;
        this.texts = texts;
        this.numbersAt = numbersAt;
        this.numbers = numbers;
    }

    /** Reads the argument columns of a block whose events have {@code counts} arguments and these template refs. */
    static BlockArguments decode(int[] counts, int[] templateRefs, ByteCursor kinds, ByteCursor ints, ByteCursor floats,
                                 ByteCursor doubles, ByteCursor texts, ByteCursor numbers) throws MalformedDataException {
        int events = counts.length;
        int[] start = new int[events + 1];
        for (int i = 0; i < events; i++) {
            start[i + 1] = start[i] + counts[i];
        }
        int total = start[events];
        Decoder d = new Decoder(start, total, kinds, ints, floats, doubles, texts, numbers);
        SlotOrder.walk(events, templateRefs, counts, d);
        for (ByteCursor c : new ByteCursor[] {kinds, ints, floats, doubles, texts, numbers}) {
            if (c.remaining() != 0) {
                throw c.malformed(c.remaining() + " unexpected bytes at the end of an argument column");
            }
        }
        return new BlockArguments(start, d.kinds, d.bits, d.texts, d.numbersAt, Arrays.copyOf(d.numbers, d.numberCount));
    }

    /** Reads the arguments in slot order into their places in event order. */
    private static final class Decoder implements SlotOrder.Visitor {
        final int[] start;
        final byte[] kinds;
        final long[] bits;
        final String[] texts;
        final int[] numbersAt;
        final ByteCursor kindColumn;
        final ByteCursor ints;
        final ByteCursor floats;
        final ByteCursor doubles;
        final ByteCursor textColumn;
        final ByteCursor numberColumn;
        long[] numbers = new long[64];
        int numberCount;
        private String lastShape;
        private int lastMarks;

        Decoder(int[] start, int total, ByteCursor kinds, ByteCursor ints, ByteCursor floats, ByteCursor doubles,
                ByteCursor texts, ByteCursor numbers) {
            this.start = start;
            this.kinds = new byte[total];
            this.bits = new long[total];
            this.texts = new String[total];
            this.numbersAt = new int[total];
            this.kindColumn = kinds;
            this.ints = ints;
            this.floats = floats;
            this.doubles = doubles;
            this.textColumn = texts;
            this.numberColumn = numbers;
        }

        @Override
        public void argument(int event, int slot) throws MalformedDataException {
            int a = start[event] + slot;
            int kind = kindColumn.u8();
            kinds[a] = (byte) kind;
            switch (kind) {
                case VALUE_NULL:
                case VALUE_FALSE:
                    break;
                case VALUE_TRUE:
                    bits[a] = 1;
                    break;
                case VALUE_INTEGER:
                    bits[a] = Varint.unzigzag(ints.varlong());
                    break;
                case VALUE_FLOAT:
                    bits[a] = floats.i32();
                    break;
                case VALUE_DOUBLE:
                    bits[a] = doubles.i64();
                    break;
                case VALUE_STRING:
                case VALUE_FAILED_TO_STRING:
                    texts[a] = textColumn.string();
                    break;
                case VALUE_NUMBERED_STRING:
                    texts[a] = textColumn.string();
                    numbersAt[a] = numberCount;
                    readNumbers(texts[a]);
                    break;
                default:
                    throw kindColumn.malformed("unknown argument kind " + kind);
            }
        }

        /** Reads one number for each mark of a numbered string's shape. */
        private void readNumbers(String shape) throws MalformedDataException {
            if (shape != lastShape) { // the text column hands out one instance for a run of equal shapes
                lastShape = shape;
                lastMarks = 0;
                for (int i = 0; i < shape.length(); i++) {
                    lastMarks += shape.charAt(i) == NUMBER_MARK ? 1 : 0;
                }
            }
            if (numbers.length - numberCount < lastMarks) {
                numbers = Arrays.copyOf(numbers, Math.max(numbers.length * 2, numberCount + lastMarks));
            }
            for (int k = 0; k < lastMarks; k++) {
                long v = numberColumn.varlong();
                if (v < 0) {
                    throw numberColumn.malformed("number out of range in a numbered string: " + v);
                }
                numbers[numberCount++] = v;
            }
        }
    }

    int count(int event) {
        return start[event + 1] - start[event];
    }

    boolean isInteger(int event, int index) {
        return kinds[start[event] + index] == VALUE_INTEGER;
    }

    /** The value of argument {@code index} of {@code event}, an integer ({@link #isInteger}). */
    long integer(int event, int index) {
        return bits[start[event] + index];
    }

    boolean isNumberedString(int event, int index) {
        return kinds[start[event] + index] == VALUE_NUMBERED_STRING;
    }

    /** True when argument {@code index} of {@code event}, a numbered string ({@link #isNumberedString}), has {@code value} among its numbers. */
    boolean hasNumber(int event, int index, long value) {
        int a = start[event] + index;
        String shape = texts[a];
        int at = numbersAt[a];
        for (int i = 0; i < shape.length(); i++) {
            if (shape.charAt(i) == NUMBER_MARK && numbers[at++] == value) {
                return true;
            }
        }
        return false;
    }

    /** Appends the text of argument {@code index} of {@code event}, as the message shows it. */
    void appendTo(StringBuilder sb, int event, int index) {
        int a = start[event] + index;
        int kind = kinds[a];
        if (kind == VALUE_NUMBERED_STRING) {
            NumberedStrings.appendJoined(sb, texts[a], numbers, numbersAt[a]);
        } else {
            ValueText.append(sb, kindOf(kind), bits[a], texts[a]);
        }
    }

    /**
     * The state of {@code automaton} after reading argument {@code index} of {@code event} from
     * {@code state}, as the message shows the argument; numbers are read without making their text.
     */
    int read(int event, int index, TextAutomaton automaton, int state) {
        int a = start[event] + index;
        int kind = kinds[a];
        switch (kind) {
            case VALUE_INTEGER:
                return automaton.readNumber(state, bits[a]);
            case VALUE_STRING:
            case VALUE_FAILED_TO_STRING:
                return automaton.read(state, texts[a], 0, texts[a].length());
            case VALUE_NUMBERED_STRING:
                return readNumbered(texts[a], numbersAt[a], automaton, state);
            default:
                StringBuilder sb = new StringBuilder(24);
                ValueText.append(sb, kindOf(kind), bits[a], texts[a]);
                return automaton.read(state, sb.toString(), 0, sb.length());
        }
    }

    private int readNumbered(String shape, int firstNumber, TextAutomaton automaton, int state) {
        int s = state;
        int number = firstNumber;
        int literal = 0;
        for (int mark = shape.indexOf(NUMBER_MARK); mark >= 0 && s != TextAutomaton.UNSURE;
             mark = shape.indexOf(NUMBER_MARK, literal)) {
            s = automaton.read(s, shape, literal, mark);
            if (s != TextAutomaton.UNSURE) {
                s = automaton.readNumber(s, numbers[number++]);
            }
            literal = mark + 1;
        }
        return s == TextAutomaton.UNSURE ? s : automaton.read(s, shape, literal, shape.length());
    }

    /** The arguments of {@code event} as values, each made when asked. */
    List<Value> values(int event) {
        return count(event) == 0 ? List.of() : new EventValues(event);
    }

    /** One event's arguments; this object's arrays never change once decoded. */
    private final class EventValues extends LazyValues {
        private final int event;

        EventValues(int event) {
            this.event = event;
        }

        @Override
        public Value get(int index) {
            return value(start[event] + Objects.checkIndex(index, size()));
        }

        @Override
        public int size() {
            return count(event);
        }
    }

    private Value value(int a) {
        int kind = kinds[a];
        if (kind == VALUE_NUMBERED_STRING) {
            StringBuilder sb = new StringBuilder(texts[a].length() + 16);
            NumberedStrings.appendJoined(sb, texts[a], numbers, numbersAt[a]);
            return Value.of(sb.toString());
        }
        return Value.ofRaw(kindOf(kind), bits[a], texts[a]);
    }

    private static ValueKind kindOf(int storedKind) {
        switch (storedKind) {
            case VALUE_NULL: return ValueKind.NULL;
            case VALUE_FALSE:
            case VALUE_TRUE: return ValueKind.BOOLEAN;
            case VALUE_INTEGER: return ValueKind.INTEGER;
            case VALUE_FLOAT: return ValueKind.FLOAT;
            case VALUE_DOUBLE: return ValueKind.DOUBLE;
            case VALUE_FAILED_TO_STRING: return ValueKind.FAILED_TO_STRING;
            default: return ValueKind.STRING;
        }
    }
}
