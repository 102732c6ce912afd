package io.timberlog.core.internal.format;

import io.timberlog.core.MessageStyle;
import io.timberlog.core.ThrowableInfo;

/** PLACEHOLDER: the helper implementing the format package replaces this body. */
public final class ThrowableRenderer {
    private ThrowableRenderer() {
    }

    public static String render(ThrowableInfo throwable, MessageStyle style) {
        return throwable.toString();
    }
}
