package io.timberlog.agent;

import io.timberlog.core.CapturedEvent;

/** Where captured events go: the agent's store. Thread-safe; never throws. */
public interface EventSink {
    /** @return false when the event was dropped (counted by the store) */
    boolean append(CapturedEvent event);
}
