package io.timberlog.cli.output;

import io.timberlog.core.query.EventView;

/**
 * The formatted message alone, as the application logged it (and the exception under it), like
 * {@code journalctl -o cat}; control characters made visible as everywhere else.
 */
public final class RawFormat implements EventFormat {
    @Override
    public void format(EventView hit, StringBuilder sb) {
        int from = sb.length();
        hit.appendMessage(sb);
        SafeText.makeVisible(sb, from, true);
        sb.append('\n');
        if (hit.hasThrowable()) {
            SafeText.appendVisible(sb, hit.event().throwableText(), true);
        }
    }
}
