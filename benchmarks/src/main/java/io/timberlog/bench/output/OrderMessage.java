package io.timberlog.bench.output;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the order number in a message of the workload as a framework formatted it. */
final class OrderMessage {
    /** The whole message, so that a line cut short by the kill is not counted. */
    private static final Pattern MESSAGE = Pattern.compile("order (\\d+) for customer-\\d+ took \\d+ ms$");

    private OrderMessage() {
    }

    /** The order number, or -1 when {@code text} does not end with a whole message of the workload. */
    static long orderNumber(CharSequence text) {
        Matcher m = MESSAGE.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
