package io.timberlog.core.internal.format;

import io.timberlog.core.MessageStyle;

/**
 * Renders an argument object that is not a number, boolean or string into the text its framework
 * would put in the formatted message. Runs at capture time, inside the application's process, on
 * objects we do not control: it calls their {@code toString()} once and never lets what that throws
 * escape (except the JVM's own fatal errors, see {@link Failures}).
 */
public final class ArgumentRenderer {
    private ArgumentRenderer() {
    }

    /**
     * The text the framework of {@code style} renders for {@code value}.
     *
     * @throws RenderFailure when the object's {@code toString()} (at the top level) threw; the
     *                       failure carries the text the framework prints in its place
     */
    public static String render(Object value, MessageStyle style) throws RenderFailure {
        if (style == MessageStyle.SLF4J) {
            return Slf4jArguments.render(value);
        }
        if (style == MessageStyle.LOG4J2) {
            return Log4jArguments.render(value);
        }
        return literal(value);
    }

    /** {@code String.valueOf(value)}: a literal message does not print its arguments, so no framework rules apply. */
    private static String literal(Object value) throws RenderFailure {
        try {
            return text(value);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            throw new RenderFailure(Slf4jArguments.FAILED_TO_STRING);
        }
    }

    /**
     * {@code value.toString()} as {@code StringBuilder.append} prints it: a {@code toString()} that returns
     * {@code null} prints {@code "null"} (where {@code String.valueOf} would hand the {@code null} on).
     */
    static String text(Object value) {
        String text = value == null ? null : value.toString();
        return text == null ? "null" : text;
    }

    /** Signals that an argument's {@code toString()} threw. */
    public static final class RenderFailure extends Exception {
        private static final long serialVersionUID = 1L;

        private final String placeholder;

        public RenderFailure(String placeholder) {
            super(placeholder, null, false, false);
            this.placeholder = placeholder;
        }

        public String placeholder() {
            return placeholder;
        }
    }
}
