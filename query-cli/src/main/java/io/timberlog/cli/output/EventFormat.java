package io.timberlog.cli.output;

import io.timberlog.core.query.EventView;

/**
 * Writes one event as text: a line (or lines) ending with a line separator. Not thread-safe: a query's
 * reading threads, which render what they find ({@link io.timberlog.core.query.Query.Builder#render}),
 * each get an instance of their own.
 */
public interface EventFormat {
    void format(EventView hit, StringBuilder sb);
}
