package io.timberlog.core.internal.format;

import io.timberlog.core.Value;

import java.util.List;

/**
 * log4j2's rules ({@code ParameterizedMessage} / {@code ParameterFormatter}, 2.26.1) for putting
 * arguments into a template. They differ from SLF4J's:
 * <ul>
 *   <li>Placeholders are found once over the whole template, with a backslash escaping the character
 *       after it: {@code \{}} is not a placeholder, {@code \\{}} is one.</li>
 *   <li>If the template has no placeholder at all it is the message, escapes and all.</li>
 *   <li>Otherwise, if it contains a backslash anywhere before its last character, every piece of text
 *       is unescaped: {@code \\} becomes {@code \}, {@code \{}} becomes {@code {}}, and a backslash
 *       before any other character stays. This happens even with no arguments, and even in the text
 *       after the last placeholder used.</li>
 *   <li>The first {@code min(placeholders, arguments)} placeholders are replaced; others stay as {@code {}}.</li>
 * </ul>
 */
final class Log4jTemplate {
    private Log4jTemplate() {
    }

    static String format(String template, List<Value> args) {
        StringBuilder sb = new StringBuilder(ValueText.capacity(template, args));
        formatTo(sb, template, MessageArguments.of(args));
        return sb.toString();
    }

    /** Appends the message that {@code template} and {@code args} make to {@code sb}. */
    static void formatTo(StringBuilder sb, String template, MessageArguments args) {
        int length = template.length();
        int argCount = args.size();
        // Where the placeholders that get an argument start; log4j2 needs no more than that.
        int[] placeholders = new int[Math.min(argCount, length / 2)];
        int found = 0;
        boolean anyPlaceholder = false;
        boolean anyBackslash = false;
        boolean escaped = false;
        // Like log4j2, never look at the last character on its own: it cannot start a placeholder.
        for (int i = 0; i < length - 1; i++) {
            char c = template.charAt(i);
            if (c == '\\') {
                anyBackslash = true;
                escaped = !escaped;
            } else if (escaped) {
                escaped = false;
            } else if (c == '{' && template.charAt(i + 1) == '}') {
                anyPlaceholder = true;
                if (found < placeholders.length) {
                    placeholders[found++] = i;
                }
                i++;
            }
        }
        if (!anyPlaceholder || (found == 0 && !anyBackslash)) {
            sb.append(template);
            return;
        }
        int copied = 0;
        for (int k = 0; k < found; k++) {
            copy(sb, template, copied, placeholders[k], anyBackslash);
            args.appendTo(sb, k);
            copied = placeholders[k] + 2;
        }
        copy(sb, template, copied, length, anyBackslash);
    }

    private static void copy(StringBuilder sb, String template, int from, int to, boolean unescape) {
        if (!unescape) {
            sb.append(template, from, to);
            return;
        }
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            char c = template.charAt(i);
            if (c == '\\') {
                if (!escaped) {
                    sb.append(c);
                }
                escaped = !escaped;
            } else if (escaped && c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                // the backslash already written gives way to the escaped placeholder
                sb.setLength(sb.length() - 1);
                sb.append("{}");
                escaped = false;
                i++;
            } else {
                sb.append(c);
                escaped = false;
            }
        }
    }
}
