package io.timberlog.core.query;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;

/**
 * One event as an {@link EventRenderer} reads it: the fields a line of text shows, read where the query
 * found them, and the whole event for anything else. A renderer that needs only these fields costs no
 * {@link LogEvent}: the reading threads give it views over a block's columns. A view is valid only
 * during the call it is passed to.
 */
public interface EventView {
    StoreRef store();

    long epochNanos();

    long sequence();

    Level level();

    String logger();

    String thread();

    /** Appends the event's message to {@code sb}: what {@link LogEvent#message()} gives, with no string made. */
    void appendMessage(StringBuilder sb);

    /** True when the event has a throwable ({@link LogEvent#throwable()}). */
    boolean hasThrowable();

    /** The whole event; a view over a block's columns decodes it on the first call. */
    LogEvent event();
}
