package io.timberlog.core.internal.format;

import io.timberlog.core.Value;

import java.util.List;

/**
 * SLF4J's rules ({@code MessageFormatter.arrayFormat}, slf4j 2.0.x) for putting arguments into a template.
 * The template is searched for {@code {}} only while arguments remain, from left to right:
 * <ul>
 *   <li>{@code \{}} is an escaped placeholder: the backslash is dropped, {@code {}} stays, and no
 *       argument is used;</li>
 *   <li>{@code \\{}} is an escaped backslash: one backslash stays, then the argument;</li>
 *   <li>once the arguments run out, the rest of the template is copied untouched, escapes included
 *       (so without arguments the template is the message), and extra arguments are ignored.</li>
 * </ul>
 */
final class Slf4jTemplate {
    private Slf4jTemplate() {
    }

    static String format(String template, List<Value> args) {
        if (args.isEmpty() || template.indexOf("{}") < 0) {
            return template;
        }
        StringBuilder sb = new StringBuilder(ValueText.capacity(template, args));
        formatTo(sb, template, MessageArguments.of(args));
        return sb.toString();
    }

    /** Appends the message that {@code template} and {@code args} make to {@code sb}. */
    static void formatTo(StringBuilder sb, String template, MessageArguments args) {
        int n = args.size();
        int placeholder = n == 0 ? -1 : template.indexOf("{}");
        int copied = 0;
        int used = 0;
        while (placeholder >= 0) {
            if (isEscaped(template, placeholder) && !isEscaped(template, placeholder - 1)) {
                sb.append(template, copied, placeholder - 1).append('{');
                copied = placeholder + 1;
            } else {
                // a plain placeholder, or one after an escaped backslash (of "\\" one backslash is kept)
                int textEnd = isEscaped(template, placeholder) ? placeholder - 1 : placeholder;
                sb.append(template, copied, textEnd);
                args.appendTo(sb, used++);
                copied = placeholder + 2;
                if (used == n) {
                    break;
                }
            }
            placeholder = template.indexOf("{}", copied);
        }
        sb.append(template, copied, template.length());
    }

    /** True when the character before {@code index} is a backslash. */
    private static boolean isEscaped(String template, int index) {
        return index > 0 && template.charAt(index - 1) == '\\';
    }
}
