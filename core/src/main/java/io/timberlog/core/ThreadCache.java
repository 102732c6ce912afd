package io.timberlog.core;

import java.lang.ref.WeakReference;
import java.util.function.Supplier;

/**
 * One object per thread, made at its first use and held weakly. A plain {@link ThreadLocal} keeps its
 * value, and through the value's class that class's loader, for as long as the thread lives: a capture
 * defined beside a web application's logging framework, used on a server's shared threads, would keep
 * the whole application in memory after it was undeployed. Held weakly, the object goes at a garbage
 * collection between two uses, and the next use makes another.
 *
 * <p>For the appenders' mappers, reused by each thread from one event to the next. Thread-safe.
 */
public final class ThreadCache<T> {
    private final ThreadLocal<WeakReference<T>> perThread = new ThreadLocal<>();
    private final Supplier<T> factory;

    public ThreadCache(Supplier<T> factory) {
        this.factory = factory;
    }

    /** This thread's object: the caller keeps it while it uses it, nothing else does. */
    public T get() {
        WeakReference<T> held = perThread.get();
        T value = held == null ? null : held.get();
        if (value == null) {
            value = factory.get();
            perThread.set(new WeakReference<>(value));
        }
        return value;
    }
}
