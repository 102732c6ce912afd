package io.timberlog.core.internal.query;

import io.timberlog.core.LogEvent;
import io.timberlog.core.query.QueryHit;
import io.timberlog.core.query.StoreRef;

/**
 * An event a part's cursor found: the event, or, for a query that renders, its time, sequence number
 * and text (bytes {@code [from, from + length)} of a block's rendered text, shared by its events).
 * Immutable.
 */
public final class PartHit {
    private final LogEvent event;
    private final long epochNanos;
    private final long sequence;
    private final byte[] text;
    private final int from;
    private final int length;

    private PartHit(LogEvent event, long epochNanos, long sequence, byte[] text, int from, int length) {
        this.event = event;
        this.epochNanos = epochNanos;
        this.sequence = sequence;
        this.text = text;
        this.from = from;
        this.length = length;
    }

    static PartHit of(LogEvent event) {
        return new PartHit(event, event.epochNanos(), event.sequence(), null, 0, 0);
    }

    static PartHit rendered(long epochNanos, long sequence, byte[] text, int from, int length) {
        return new PartHit(null, epochNanos, sequence, text, from, length);
    }

    /** The event; {@code null} for a rendered one. */
    public LogEvent event() {
        return event;
    }

    long epochNanos() {
        return epochNanos;
    }

    long sequence() {
        return sequence;
    }

    QueryHit toHit(StoreRef store) {
        return event != null ? new QueryHit(event, store) : new QueryHit(epochNanos, sequence, text, from, length, store);
    }
}
