package io.timberlog.core;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * An instance for the calling thread from {@link #acquire()} to {@link #release}, reused, like a
 * {@link ThreadLocal}'s, but which a thread that outlives this object does not keep alive.
 *
 * <p>A platform thread has one of its own, made on its first {@link #acquire()}. A {@code ThreadLocal}'s
 * value stays in every thread that used it until that thread ends (or, once the {@code ThreadLocal}
 * itself is gone, until the thread happens to look up others often enough to find the stale entry). An
 * application server's pooled threads outlive a web application that is redeployed, and a value whose
 * class the application's class loader defined keeps that loader, with every class it loaded, alive: a
 * leak at every redeploy. Here a thread holds only a {@link WeakReference} (a JDK class); the instances
 * are held by this object, for as long as their thread lives, so they go when it goes.
 *
 * <p>A virtual thread borrows one from a small pool ({@link LendingPool}) and gives it back on
 * {@link #release}: an application may start a virtual thread per request, and an instance of each
 * thread's own would be built, registered under a lock and dropped for nearly every event.
 *
 * <p>Either way, an {@link #acquire()} before the thread released returns the instance it holds (an
 * event logged while one is captured): callers that must not share it with such an event keep a
 * {@link Nesting} per thread, which gives each its own. Every {@code acquire()} is ended
 * by one {@code release} on the same thread; one that is not (the release failed) costs a virtual
 * thread's instance its reuse, nothing else.
 *
 * <p>For TimberLog's appenders and the agent; not an API for applications. Thread-safe; on a platform
 * thread {@link #acquire()} takes a lock and allocates only on the thread's first call, on a virtual
 * thread it takes no lock and allocates only while the pool is short of instances.
 */
public final class PerThread<T> {
    private final Supplier<? extends T> factory;
    private final ThreadLocal<WeakReference<T>> local = new ThreadLocal<>();
    /** What keeps each platform thread's instance, while the thread lives; guarded by itself. */
    private final Map<Thread, T> instances = new WeakHashMap<>();
    private final LendingPool<T> lent;

    public PerThread(Supplier<? extends T> factory) {
        this.factory = factory;
        this.lent = new LendingPool<>(LendingPool.slotsFor(Runtime.getRuntime().availableProcessors()), factory);
    }

    /** This thread's instance until {@link #release}: its own on a platform thread, a lent one on a virtual thread. */
    public T acquire() {
        return VirtualThreads.isCurrent() ? lent.borrow() : platformThreadInstance();
    }

    /** Ends an {@link #acquire()} that returned {@code instance}; on a virtual thread, the last one gives it back. */
    public void release(T instance) {
        if (VirtualThreads.isCurrent()) {
            lent.giveBack(instance);
        }
    }

    private T platformThreadInstance() {
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
