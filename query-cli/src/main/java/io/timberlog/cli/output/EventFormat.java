package io.timberlog.cli.output;

import io.timberlog.core.query.QueryHit;

/** Writes one event as text: a line (or lines) ending with a line separator. Not thread-safe. */
public interface EventFormat {
    void format(QueryHit hit, StringBuilder sb);
}
