package io.timberlog.core.internal.format;

import io.timberlog.core.MessageStyle;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link MessagePlan}s of the templates met, each made once: events mostly come in runs of the
 * same template (the last one is checked first, by identity), and a block holds few templates. At
 * most {@link #MAX_PLANS} are kept; then the cache starts again. Not thread-safe.
 */
public final class MessagePlans {
    private static final int MAX_PLANS = 1024;

    private final Map<Key, MessagePlan> plans = new HashMap<>();
    private String lastTemplate;
    private MessageStyle lastStyle;
    private int lastArguments;
    private MessagePlan last;

    /** The plan of a non-null {@code template} in {@code style} with {@code arguments} arguments. */
    public MessagePlan of(String template, MessageStyle style, int arguments) {
        if (template == lastTemplate && style == lastStyle && arguments == lastArguments) {
            return last;
        }
        return find(template, style, arguments);
    }

    private MessagePlan find(String template, MessageStyle style, int arguments) {
        if (plans.size() == MAX_PLANS) {
            plans.clear();
        }
        last = plans.computeIfAbsent(new Key(template, style, arguments), k -> MessagePlan.of(style, template, arguments));
        lastTemplate = template;
        lastStyle = style;
        lastArguments = arguments;
        return last;
    }

    private static final class Key {
        final String template;
        final MessageStyle style;
        final int arguments;

        Key(String template, MessageStyle style, int arguments) {
            this.template = template;
            this.style = style;
            this.arguments = arguments;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return template.equals(k.template) && style == k.style && arguments == k.arguments;
        }

        @Override
        public int hashCode() {
            return Objects.hash(template, style, arguments);
        }
    }
}
