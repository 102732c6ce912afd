package io.timberlog.core.internal.format;

import io.timberlog.core.MessageStyle;
import io.timberlog.core.Value;

import java.util.List;

/**
 * Rebuilds a formatted message from its template and stored arguments, byte for byte as the
 * framework that captured it formatted it. Runs for every event a query prints.
 */
public final class MessageFormatter {
    private MessageFormatter() {
    }

    /**
     * The formatted message. A {@code null} template gives {@code "null"}: SLF4J then formats no
     * message at all and log4j2 appends the {@code null}, and both layouts print it as {@code "null"}.
     */
    public static String format(MessageStyle style, String template, List<Value> arguments) {
        if (template == null) {
            return "null";
        }
        List<Value> args = arguments == null ? List.of() : arguments;
        if (style == MessageStyle.SLF4J) {
            return Slf4jTemplate.format(template, args);
        }
        if (style == MessageStyle.LOG4J2) {
            return Log4jTemplate.format(template, args);
        }
        return template;
    }

    /** Appends the formatted message to {@code sb}, as {@link #format} makes it, with no string of its own. */
    public static void formatTo(StringBuilder sb, MessageStyle style, String template, MessageArguments arguments) {
        if (template == null) {
            sb.append("null");
        } else if (style == MessageStyle.SLF4J) {
            Slf4jTemplate.formatTo(sb, template, arguments);
        } else if (style == MessageStyle.LOG4J2) {
            Log4jTemplate.formatTo(sb, template, arguments);
        } else {
            sb.append(template);
        }
    }
}
