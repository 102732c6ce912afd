package io.timberlog.core.internal.format;

import io.timberlog.core.MessageStyle;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one template, style and argument count as the formatters make them: literal text
 * and argument slots in turn ({@code literal(0)}, argument {@code slot(0)}, {@code literal(1)}, ...,
 * {@code literal(slots())}). Which text is literal depends on the template, the style and how many
 * arguments there are, never on their values, so one plan serves every such message. Immutable.
 */
public final class MessagePlan {
    private final String[] literals;
    private final int[] slots;

    private MessagePlan(String[] literals, int[] slots) {
        this.literals = literals;
        this.slots = slots;
    }

    /** The plan of a non-null {@code template} formatted in {@code style} with {@code argumentCount} arguments. */
    public static MessagePlan of(MessageStyle style, String template, int argumentCount) {
        List<Integer> cuts = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        StringBuilder text = new StringBuilder(template.length());
        MessageFormatter.formatTo(text, style, template, new MessageArguments() {
            @Override
            public int size() {
                return argumentCount;
            }

            @Override
            public void appendTo(StringBuilder sb, int index) {
                cuts.add(sb.length());
                slots.add(index);
            }
        });
        String[] literals = new String[slots.size() + 1];
        int from = 0;
        for (int k = 0; k < cuts.size(); k++) {
            literals[k] = text.substring(from, cuts.get(k));
            from = cuts.get(k);
        }
        literals[slots.size()] = text.substring(from);
        return new MessagePlan(literals, slots.stream().mapToInt(Integer::intValue).toArray());
    }

    /** How many argument slots the message has. */
    public int slots() {
        return slots.length;
    }

    /** The argument shown in slot {@code k}. */
    public int slot(int k) {
        return slots[k];
    }

    /** The literal text before slot {@code k}, or after the last slot for {@code k == slots()}. */
    public String literal(int k) {
        return literals[k];
    }
}
