package io.timberlog.core;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * One instance per thread, made on the thread's first {@link #get()} and reused, like a
 * {@link ThreadLocal}, but which a thread that outlives this object does not keep alive.
 *
 * <p>A {@code ThreadLocal}'s value stays in every thread that used it until that thread ends (or, once
 * the {@code ThreadLocal} itself is gone, until the thread happens to look up others often enough to
 * find the stale entry). An application server's pooled threads outlive a web application that is
 * redeployed, and a value whose class the application's class loader defined keeps that loader, with
 * every class it loaded, alive: a leak at every redeploy. Here a thread holds only a
 * {@link WeakReference} (a JDK class); the instances are held by this object, for as long as their
 * thread lives, so they go when it goes.
 *
 * <p>For TimberLog's appenders and the agent; not an API for applications. Thread-safe; {@link #get()}
 * takes a lock and allocates only on a thread's first call.
 */
public final class PerThread<T> {
    private final Supplier<? extends T> factory;
    private final ThreadLocal<WeakReference<T>> local = new ThreadLocal<>();
    /** What keeps each thread's instance, while the thread lives; guarded by itself. */
    private final Map<Thread, T> instances = new WeakHashMap<>();

    public PerThread(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    /** This thread's instance. */
    public T get() {
        WeakReference<T> ref = local.get();
        T instance = ref == null ? null : ref.get();
        if (instance == null) {
            instance = factory.get();
            synchronized (instances) {
                instances.put(Thread.currentThread(), instance);
            }
            local.set(new WeakReference<>(instance));
        }
        return instance;
    }
}
