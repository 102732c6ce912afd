package io.timberlog.cli.output;

import io.timberlog.core.query.QueryHit;

/**
 * The formatted message alone, as the application logged it (and the exception under it), like
 * {@code journalctl -o cat}; control characters made visible as everywhere else.
 */
public final class RawFormat implements EventFormat {
    @Override
    public void format(QueryHit hit, StringBuilder sb) {
        SafeText.appendVisible(sb, hit.event().message(), true);
        sb.append('\n');
        SafeText.appendVisible(sb, hit.event().throwableText(), true);
    }
}
