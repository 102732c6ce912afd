package io.timberlog.core.internal.format;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * log4j2 lets an argument that implements {@code org.apache.logging.log4j.util.StringBuilderFormattable}
 * write itself with {@code formatTo(StringBuilder)} instead of {@code toString()} (a log4j2 message
 * passed as an argument prints its formatted text, not its {@code toString()}). Core must not depend on
 * log4j2, so the interface is recognised by name and called by reflection; the lookup is cached per class.
 */
final class Log4jFormattable {
    private static final String INTERFACE = "org.apache.logging.log4j.util.StringBuilderFormattable";

    private static final ClassValue<Method> FORMAT_TO = new ClassValue<Method>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return findFormatTo(type);
        }
    };

    private Log4jFormattable() {
    }

    /**
     * Lets {@code o} write itself into {@code sb} when it is a {@code StringBuilderFormattable}.
     *
     * @return false when it is not one (or cannot be called), and nothing was written
     * @throws RuntimeException or Error: what {@code formatTo} threw (a checked exception wrapped in an
     *         {@link UndeclaredThrowableException}), which log4j2 does not catch either
     */
    static boolean formatTo(Object o, StringBuilder sb) {
        Method formatTo = FORMAT_TO.get(o.getClass());
        if (formatTo == null) {
            return false;
        }
        try {
            formatTo.invoke(o, sb);
            return true;
        } catch (IllegalAccessException e) {
            return false;
        } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            throw new UndeclaredThrowableException(failure);
        }
    }

    private static Method findFormatTo(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                Method m = i.getName().equals(INTERFACE) ? formatToOf(i) : findFormatTo(i);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static Method formatToOf(Class<?> formattable) {
        try {
            return formattable.getMethod("formatTo", StringBuilder.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
