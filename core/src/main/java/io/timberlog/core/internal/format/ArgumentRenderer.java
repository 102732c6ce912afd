package io.timberlog.core.internal.format;

import io.timberlog.core.MessageStyle;

/**
 * Renders an argument object that is not a number, boolean or string into the text its framework
 * would put in the formatted message. PLACEHOLDER: the helper implementing the format package
 * replaces this body.
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
        try {
            return String.valueOf(value);
        } catch (RuntimeException | LinkageError e) {
            throw new RenderFailure("[FAILED toString()]");
        }
    }

    /** Signals that an argument's {@code toString()} threw. */
    public static final class RenderFailure extends Exception {
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
