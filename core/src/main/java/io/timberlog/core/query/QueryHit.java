package io.timberlog.core.query;

import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * One event a query found, and the store it came from: the event, or, for a query that renders
 * ({@link Query.Builder#render}), its text in UTF-8 when the reading threads rendered it
 * ({@link #hasText()}); such a hit keeps only the event's time and sequence number besides. Immutable.
 */
public final class QueryHit implements EventView {
    private final LogEvent event;
    private final StoreRef store;
    private final long epochNanos;
    private final long sequence;
    private final byte[] text;
    private final int textFrom;
    private final int textLength;

    public QueryHit(LogEvent event, StoreRef store) {
        this.event = Objects.requireNonNull(event, "event");
        this.store = Objects.requireNonNull(store, "store");
        this.epochNanos = event.epochNanos();
        this.sequence = event.sequence();
        this.text = null;
        this.textFrom = 0;
        this.textLength = 0;
    }

    /** A rendered hit: bytes {@code [from, from + length)} of {@code text}, which is not copied and must not change. */
    public QueryHit(long epochNanos, long sequence, byte[] text, int from, int length, StoreRef store) {
        Objects.checkFromIndexSize(from, length, text.length);
        this.event = null;
        this.store = Objects.requireNonNull(store, "store");
        this.epochNanos = epochNanos;
        this.sequence = sequence;
        this.text = text;
        this.textFrom = from;
        this.textLength = length;
    }

    /** True when the hit is the event's rendered text, without the event. */
    public boolean hasText() {
        return text != null;
    }

    /** Writes the rendered text ({@link #hasText()}). */
    public void writeText(OutputStream out) throws IOException {
        if (text == null) {
            throw new IllegalStateException("this hit is an event, not text");
        }
        out.write(text, textFrom, textLength);
    }

    /**
     * The event.
     *
     * @throws IllegalStateException for a rendered hit ({@link #hasText()})
     */
    @Override
    public LogEvent event() {
        if (event == null) {
            throw new IllegalStateException("this hit is the event's rendered text: see writeText");
        }
        return event;
    }

    @Override
    public StoreRef store() {
        return store;
    }

    @Override
    public long epochNanos() {
        return epochNanos;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public Level level() {
        return event().level();
    }

    @Override
    public String logger() {
        return event().logger();
    }

    @Override
    public String thread() {
        return event().thread();
    }

    @Override
    public void appendMessage(StringBuilder sb) {
        sb.append(event().message());
    }

    @Override
    public boolean hasThrowable() {
        return event().throwable() != null;
    }

    @Override
    public String toString() {
        return store + ": " + (event != null ? event : "text of event " + sequence);
    }
}
