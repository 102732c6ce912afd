package io.timberlog.core.query;

/**
 * Writes an event as text, for a query that hands out text instead of events
 * ({@link Query.Builder#render}). The reading threads call it, one renderer each, so it need not be
 * thread-safe; it must not keep the view.
 */
@FunctionalInterface
public interface EventRenderer {
    /**
     * Appends the text of {@code event} to {@code out}: for a text output, a line and its line
     * separator. What {@code out} held before (other events' text) must stay as it is.
     */
    void render(EventView event, StringBuilder out);
}
