package io.timberlog.core.internal.format;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An argument as log4j2's {@code ParameterFormatter} (2.26.1) puts it in place of a {@code {}}:
 * <ul>
 *   <li>{@code CharSequence}s and log4j's {@code StringBuilderFormattable}s write themselves;
 *       {@code java.time} values, {@code java.sql.Date} and {@code java.sql.Time} print {@code toString()};</li>
 *   <li>any other {@code java.util.Date} (including {@code java.sql.Timestamp}) is formatted as
 *       {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ} in the default time zone;</li>
 *   <li>arrays print as {@code [a, b]}, maps as {@code {k=v}}, collections as {@code [a, b]}, all
 *       nested ones too; a container inside itself prints {@code [...class@hash...]};</li>
 *   <li>a {@code toString()} that throws prints {@code [!!!class@hash=>ExceptionClass:message!!!]}.</li>
 * </ul>
 */
final class Log4jArguments {
    /**
     * log4j2 builds the same formatter once, with the zone that is the default when its first
     * parameterized message is created; ours takes the default when TimberLog first renders a log4j2
     * argument. Both happen early in the same process; only a {@code TimeZone.setDefault} between the two
     * could make them differ.
     */
    private static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneId.systemDefault());

    private Log4jArguments() {
    }

    static String render(Object value) throws ArgumentRenderer.RenderFailure {
        StringBuilder sb = new StringBuilder(64);
        try {
            if (appendAsItself(sb, value) || appendContainer(sb, value, null)) {
                return sb.toString();
            }
            return ArgumentRenderer.text(value);
        } catch (Throwable t) {
            // The object's toString() threw. Or something log4j2 does not guard against failed (a
            // CharSequence, formatTo(), iterating a collection concurrently modified, nesting so deep
            // that the walk overflowed the stack): there log4j2 fails the logging call; we store the
            // same placeholder as for a failed toString().
            Failures.rethrowIfFatal(t);
            throw new ArgumentRenderer.RenderFailure(failedToString(value, t));
        }
    }

    private static void append(StringBuilder sb, Object o, Set<Object> enclosing) {
        if (appendAsItself(sb, o) || appendContainer(sb, o, enclosing)) {
            return;
        }
        try {
            sb.append(o.toString());
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            sb.append(failedToString(o, t));
        }
    }

    /** The types log4j2 appends without going through the container or {@code toString()} rules. */
    private static boolean appendAsItself(StringBuilder sb, Object o) {
        if (o == null || o instanceof String) {
            sb.append((String) o);
            return true;
        }
        if (Log4jFormattable.formatTo(o, sb)) {
            return true;
        }
        if (o instanceof CharSequence) {
            // StringBuilder.append reads a CharSequence through charAt(), not through toString()
            sb.append((CharSequence) o);
            return true;
        }
        if (o instanceof Temporal || isSqlDateOrTime(o)) {
            sb.append(o.toString());
            return true;
        }
        if (o instanceof Date) {
            DATE_FORMAT.formatTo(((Date) o).toInstant(), sb);
            return true;
        }
        return false;
    }

    /** By name, so that TimberLog does not need the java.sql module. */
    private static boolean isSqlDateOrTime(Object o) {
        if (!(o instanceof Date)) {
            return false;
        }
        for (Class<?> c = o.getClass(); c != Date.class; c = c.getSuperclass()) {
            String name = c.getName();
            if (name.equals("java.sql.Date") || name.equals("java.sql.Time")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Arrays, maps and collections. {@code enclosing} holds the containers on the path from the top
     * (log4j2 hands each element a copy of that set): a container met again on that path prints as a
     * recursion marker, one repeated side by side prints in full each time.
     */
    private static boolean appendContainer(StringBuilder sb, Object o, Set<Object> enclosing) {
        if (o.getClass().isArray()) {
            if (o instanceof Object[]) {
                appendElements(sb, o, Arrays.asList((Object[]) o), false, enclosing);
            } else {
                PrimitiveArrays.append(sb, o);
            }
        } else if (o instanceof Map) {
            appendElements(sb, o, ((Map<?, ?>) o).entrySet(), true, enclosing);
        } else if (o instanceof Collection) {
            appendElements(sb, o, (Collection<?>) o, false, enclosing);
        } else {
            return false;
        }
        return true;
    }

    private static void appendElements(StringBuilder sb, Object container, Iterable<?> elements, boolean isMap,
                                       Set<Object> enclosing) {
        Set<Object> path = enclosing != null ? enclosing : Collections.newSetFromMap(new IdentityHashMap<>());
        if (!path.add(container)) {
            sb.append("[...").append(identity(container)).append("...]");
            return;
        }
        sb.append(isMap ? '{' : '[');
        boolean first = true;
        for (Object element : elements) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            if (isMap) {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) element;
                append(sb, entry.getKey(), path);
                sb.append('=');
                append(sb, entry.getValue(), path);
            } else {
                append(sb, element, path);
            }
        }
        sb.append(isMap ? '}' : ']');
        path.remove(container);
    }

    /**
     * log4j2's text for a failed {@code toString()}: the object's identity, the exception's class and,
     * unless it merely repeats the class name, its message (a {@code null} message prints as "null").
     */
    static String failedToString(Object o, Throwable failure) {
        String className = failure.getClass().getName();
        String message = messageOf(failure);
        StringBuilder sb = new StringBuilder("[!!!").append(identity(o)).append("=>").append(className);
        if (!className.equals(message)) {
            sb.append(':').append(message);
        }
        return sb.append("!!!]").toString();
    }

    private static String messageOf(Throwable failure) {
        try {
            return failure.getMessage();
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            return null;
        }
    }

    /** What {@code Object.toString()} would print, whatever the class overrides. */
    private static String identity(Object o) {
        return o.getClass().getName() + '@' + Integer.toHexString(System.identityHashCode(o));
    }
}
