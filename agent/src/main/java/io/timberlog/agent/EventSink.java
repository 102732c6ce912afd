package io.timberlog.agent;

import io.timberlog.core.CapturedEvent;

/** Where captured events go: the agent's store. Thread-safe; never throws. */
public interface EventSink {
    /** @return false when the event was dropped (counted by the store) */
    boolean append(CapturedEvent event);

    /**
     * Counts as dropped an event logged while its thread was capturing as many nested events as
     * {@link io.timberlog.core.Nesting} allows.
     */
    void dropNested();
}
