package io.timberlog.core.query;

import io.timberlog.core.LogEvent;
import io.timberlog.core.Value;
import io.timberlog.core.ValueKind;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A condition on one argument of an event, compared by the argument's stored type: numbers as numbers
 * ({@code 2>500} finds events whose third argument is a number above 500, with no parsing of text),
 * anything else by its text. Immutable and thread-safe.
 *
 * <p>{@code =} and {@code !=} compare numbers when both sides are numbers, else the argument's text;
 * {@code < <= > >=} match only numeric arguments. An event with fewer arguments does not match.
 */
public final class ArgumentPredicate {
    /** How the argument is compared with the operand. */
    public enum Operator {
        EQUAL("="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private final int index;
    private final Operator operator;
    private final String operand;
    /** The operand as a number, or {@code null} when it is not one. */
    private final BigDecimal number;
    private final boolean integral;
    private final long longOperand;
    private final double doubleOperand;
    private final float floatOperand;

    private ArgumentPredicate(int index, Operator operator, String operand) {
        if (index < 0) {
            throw new IllegalArgumentException("argument index must not be negative: " + index);
        }
        this.index = index;
        this.operator = Objects.requireNonNull(operator, "operator");
        this.operand = Objects.requireNonNull(operand, "operand");
        this.number = parseNumber(operand.trim());
        if (number == null && operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
            throw new IllegalArgumentException("'" + operator.symbol + "' needs a number, not '" + operand + "'");
        }
        this.integral = number != null && isIntegral(number);
        this.longOperand = integral ? number.longValueExact() : 0;
        this.doubleOperand = number == null ? Double.NaN : number.doubleValue();
        this.floatOperand = number == null ? Float.NaN : number.floatValue();
    }

    public static ArgumentPredicate of(int index, Operator operator, String operand) {
        return new ArgumentPredicate(index, operator, operand);
    }

    /**
     * Parses {@code INDEX OP VALUE}, e.g. {@code 2>500}, {@code 0=alice}, {@code 1!=ok}, {@code 2<=1.5}
     * (index from 0; operators {@code = == != < <= > >=}).
     *
     * @throws IllegalArgumentException with a message that says what is wrong
     */
    public static ArgumentPredicate parse(String text) {
        Objects.requireNonNull(text, "text");
        int i = 0;
        while (i < text.length() && isAsciiDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + text + "' does not start with an argument index (0, 1, 2, ...)");
        }
        if (i > 9) {
            throw new IllegalArgumentException("argument index " + text.substring(0, i) + " in '" + text
                    + "' is too large");
        }
        int index = Integer.parseInt(text.substring(0, i));
        String rest = text.substring(i);
        Operator op;
        int opLength;
        if (rest.startsWith("!=")) {
            op = Operator.NOT_EQUAL;
            opLength = 2;
        } else if (rest.startsWith("==")) {
            op = Operator.EQUAL;
            opLength = 2;
        } else if (rest.startsWith("<=")) {
            op = Operator.LESS_OR_EQUAL;
            opLength = 2;
        } else if (rest.startsWith(">=")) {
            op = Operator.GREATER_OR_EQUAL;
            opLength = 2;
        } else if (rest.startsWith("=")) {
            op = Operator.EQUAL;
            opLength = 1;
        } else if (rest.startsWith("<")) {
            op = Operator.LESS;
            opLength = 1;
        } else if (rest.startsWith(">")) {
            op = Operator.GREATER;
            opLength = 1;
        } else {
            throw new IllegalArgumentException("'" + text + "' has no operator after the index (= != < <= > >=)");
        }
        return new ArgumentPredicate(index, op, rest.substring(opLength));
    }

    public int index() {
        return index;
    }

    public Operator operator() {
        return operator;
    }

    public String operand() {
        return operand;
    }

    /** True when the event's argument at {@link #index()} satisfies the condition. */
    public boolean test(LogEvent event) {
        List<Value> args = event.arguments();
        return index < args.size() && test(args.get(index));
    }

    /** True when {@code value} satisfies the condition. */
    public boolean test(Value value) {
        int c;
        if (number != null && value.isNumber()) {
            c = compareNumber(value);
            if (c == Integer.MIN_VALUE) {
                return operator == Operator.NOT_EQUAL; // NaN equals nothing and orders with nothing
            }
        } else if (operator == Operator.EQUAL || operator == Operator.NOT_EQUAL) {
            boolean equal = value.text() != null && value.text().equals(operand);
            return equal == (operator == Operator.EQUAL);
        } else {
            return false;
        }
        switch (operator) {
            case EQUAL: return c == 0;
            case NOT_EQUAL: return c != 0;
            case LESS: return c < 0;
            case LESS_OR_EQUAL: return c <= 0;
            case GREATER: return c > 0;
            default: return c >= 0;
        }
    }

    /** Compares a numeric value with the operand; {@code Integer.MIN_VALUE} when either is NaN. */
    private int compareNumber(Value value) {
        if (value.kind() == ValueKind.INTEGER && integral) {
            return Long.compare(value.asLong(), longOperand);
        }
        double d = value.asDouble();
        if (Double.isNaN(d)) {
            return Integer.MIN_VALUE;
        }
        if (value.kind() == ValueKind.INTEGER) {
            return new BigDecimal(value.asLong()).compareTo(number);
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? 1 : -1;
        }
        // Compared as the message shows it (Float.toString, Double.toString): 0.1f is 0.1, not the
        // 0.100000001490116... that it is as a double. Where the value and the operand round to
        // different floats (doubles), their order is that of those; where they round to the same one,
        // the shown decimal decides (a double of 2^63 shows as 9.223372036854776E18, above 2^63 - 1).
        if (value.kind() == ValueKind.FLOAT) {
            float f = (float) d;
            int c = Float.compare(f, floatOperand);
            return c != 0 ? c : new BigDecimal(Float.toString(f)).compareTo(number);
        }
        int c = Double.compare(d, doubleOperand);
        return c != 0 ? c : new BigDecimal(Double.toString(d)).compareTo(number);
    }

    /** Only 0-9: BigDecimal and Character.isDigit take other scripts' digits (٥٠٠ as 500), which no message shows for a number. */
    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static BigDecimal parseNumber(String s) {
        if (s.isEmpty() || !(isAsciiDigit(s.charAt(s.length() - 1)) || s.endsWith("."))) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7f) {
                return null;
            }
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isIntegral(BigDecimal n) {
        try {
            n.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return index + operator.symbol + operand;
    }
}
