package io.timberlog.core.query;

import io.timberlog.core.LogEvent;

import java.util.Objects;

/** One event a query found, and the store it came from. Immutable. */
public final class QueryHit {
    private final LogEvent event;
    private final StoreRef store;

    public QueryHit(LogEvent event, StoreRef store) {
        this.event = Objects.requireNonNull(event, "event");
        this.store = Objects.requireNonNull(store, "store");
    }

    public LogEvent event() {
        return event;
    }

    public StoreRef store() {
        return store;
    }

    @Override
    public String toString() {
        return store + ": " + event;
    }
}
