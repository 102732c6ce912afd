package io.timberlog.core.internal.format;

import io.timberlog.core.MessageStyle;
import io.timberlog.core.ValueKind;

/**
 * Finds the text of a message's object arguments in the message as the logging framework formatted
 * it, so that their {@code toString()} is not called a second time: the message is cut along the
 * template's literal text ({@link MessagePlan}), and the arguments whose text is known (numbers,
 * strings) are checked where they stand. An object's text ends where the next literal text, or the
 * next known argument's text, begins.
 */
public final class RenderedArguments {
    private RenderedArguments() {
    }

    /**
     * The text of each argument whose entry in {@code objects} is not {@code null}, as {@code message}
     * shows it (other entries {@code null}); {@code null} when the message does not fit the template
     * and the known arguments, or an object's text cannot be told from its neighbour's.
     *
     * @param texts the texts of the arguments that are not objects, as their kinds need
     */
    public static String[] find(String message, String template, MessageStyle style, int count, ValueKind[] kinds,
                                long[] bits, String[] texts, Object[] objects) {
        if (message == null || template == null) {
            return null;
        }
        MessagePlan plan = MessagePlan.of(style, template, count);
        String[] found = new String[count];
        int at = 0;
        int slots = plan.slots();
        for (int k = 0; k < slots; k++) {
            String literal = plan.literal(k);
            if (!message.startsWith(literal, at)) {
                return null;
            }
            at += literal.length();
            int a = plan.slot(k);
            String known = known(a, kinds, bits, texts, objects, found);
            if (known != null) {
                if (!message.startsWith(known, at)) {
                    return null;
                }
                at += known.length();
                continue;
            }
            int end = end(message, plan, k, at, kinds, bits, texts, objects, found);
            if (end < at) {
                return null;
            }
            found[a] = message.substring(at, end);
            at = end;
        }
        String last = plan.literal(slots);
        return message.length() - at == last.length() && message.startsWith(last, at) ? found : null;
    }

    /** Where the object in slot {@code k}, which starts at {@code at}, ends; -1 when that cannot be told. */
    private static int end(String message, MessagePlan plan, int k, int at, ValueKind[] kinds, long[] bits,
                           String[] texts, Object[] objects, String[] found) {
        String next = plan.literal(k + 1);
        if (k + 1 == plan.slots()) {
            return message.length() - next.length();
        }
        if (!next.isEmpty()) {
            return message.indexOf(next, at);
        }
        // two slots side by side: the next argument's text must be known
        String following = known(plan.slot(k + 1), kinds, bits, texts, objects, found);
        return following == null || following.isEmpty() ? -1 : message.indexOf(following, at);
    }

    private static String known(int a, ValueKind[] kinds, long[] bits, String[] texts, Object[] objects,
                                String[] found) {
        if (objects[a] != null) {
            return found[a];
        }
        if (kinds[a] == ValueKind.STRING) {
            return texts[a];
        }
        StringBuilder sb = new StringBuilder(24);
        ValueText.append(sb, kinds[a], bits[a], texts[a]);
        return sb.toString();
    }
}
