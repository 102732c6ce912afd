package io.timberlog.core;

import java.util.function.Supplier;

/**
 * The instances one thread uses at once: one for the event it captures, and one more for each event
 * logged on that thread while the one before is captured. Capturing an event calls the application's
 * code (an argument's {@code toString()}, which a Hibernate entity uses to load itself and log its SQL),
 * and an event that code logs must not get the instance the event it interrupted is using: it would
 * overwrite that event's half-built state. Hold one per thread from a {@link PerThread}; the instance of
 * each depth is built the first time that depth is reached and kept, so that an application whose
 * {@code toString()} logs on every event builds none per event.
 *
 * <p>At most {@link #MAX_NESTED} events are nested in the one captured first: an argument whose
 * {@code toString()} logs itself whenever it is rendered would recurse until the stack overflows. Past
 * that, {@link #enter()} returns {@code null}, and the caller drops the event and counts it (as logback
 * 1.3 and log4j2 drop an event that reaches one of their appenders busy on the same thread).
 *
 * <p>For TimberLog's appenders and the agent; not an API for applications. Not thread-safe: used by the
 * thread that holds it.
 */
public final class Nesting<T> {
    /** How many events may be captured nested in the one a thread captures first. */
    public static final int MAX_NESTED = 2;

    private final Supplier<? extends T> factory;
    private final Object[] instances = new Object[1 + MAX_NESTED];
    /** How many of {@link #instances} are in use, outermost first. */
    private int depth;

    public Nesting(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    /**
     * The instance for one more event on this thread, until {@link #exit}: the first one when none is in
     * use, else the one of the next depth; {@code null} when {@link #MAX_NESTED} are nested already.
     */
    @SuppressWarnings("unchecked")
    public T enter() {
        if (depth == instances.length) {
            return null;
        }
        T instance = (T) instances[depth];
        if (instance == null) {
            instance = factory.get();
            instances[depth] = instance;
        }
        depth++;
        return instance;
    }

    /**
     * Ends the use of {@code instance}, which {@link #enter()} returned, and of any entered after it: an
     * exit that never came (it failed, e.g. out of stack) must not keep that depth taken for good.
     */
    public void exit(T instance) {
        for (int i = depth - 1; i >= 0; i--) {
            if (instances[i] == instance) {
                depth = i;
                return;
            }
        }
    }
}
