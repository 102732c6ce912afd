package io.timberlog.core.internal.format;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * An argument as SLF4J's {@code MessageFormatter} (slf4j 2.0.x, used by logback 1.3 to 1.5) puts it
 * in place of a {@code {}}: {@code toString()} for objects, the elements of arrays of any kind
 * (nested ones too) as {@code [a, b]}, an {@code Object[]} that contains itself as {@code [...]}, and
 * {@value #FAILED_TO_STRING} for a {@code toString()} that throws. Unlike SLF4J, it reports nothing
 * on stderr: we run inside someone else's process.
 */
final class Slf4jArguments {
    static final String FAILED_TO_STRING = "[FAILED toString()]";

    private Slf4jArguments() {
    }

    static String render(Object value) throws ArgumentRenderer.RenderFailure {
        try {
            if (value == null || !value.getClass().isArray()) {
                return ArgumentRenderer.text(value);
            }
            StringBuilder sb = new StringBuilder(64);
            appendArray(sb, value, Collections.newSetFromMap(new IdentityHashMap<>()));
            return sb.toString();
        } catch (Throwable t) {
            // A top-level toString() that threw; or arrays nested so deep that the walk itself
            // overflowed the stack, where SLF4J would fail the logging call: we store the placeholder.
            Failures.rethrowIfFatal(t);
            throw new ArgumentRenderer.RenderFailure(FAILED_TO_STRING);
        }
    }

    private static void append(StringBuilder sb, Object o, Set<Object[]> enclosing) {
        if (o == null) {
            sb.append("null");
        } else if (o.getClass().isArray()) {
            appendArray(sb, o, enclosing);
        } else {
            try {
                sb.append(o.toString());
            } catch (Throwable t) {
                Failures.rethrowIfFatal(t);
                sb.append(FAILED_TO_STRING);
            }
        }
    }

    private static void appendArray(StringBuilder sb, Object array, Set<Object[]> enclosing) {
        if (array instanceof Object[]) {
            appendObjects(sb, (Object[]) array, enclosing);
        } else {
            PrimitiveArrays.append(sb, array);
        }
    }

    /**
     * SLF4J remembers only the arrays on the path from the top, so an array repeated side by side is
     * printed each time and only one that contains itself (directly or deeper down) becomes {@code [...]}.
     */
    private static void appendObjects(StringBuilder sb, Object[] a, Set<Object[]> enclosing) {
        sb.append('[');
        if (enclosing.add(a)) {
            for (int i = 0; i < a.length; i++) {
                append(separate(sb, i), a[i], enclosing);
            }
            enclosing.remove(a);
        } else {
            sb.append("...");
        }
        sb.append(']');
    }

    private static StringBuilder separate(StringBuilder sb, int index) {
        return index == 0 ? sb : sb.append(", ");
    }
}
