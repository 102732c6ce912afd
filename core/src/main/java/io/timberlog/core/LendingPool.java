package io.timberlog.core;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Instances lent to threads from a {@link #borrow()} to its {@link #giveBack}: what {@link PerThread}
 * gives virtual threads. An application may start one of those per request; an instance of their own
 * would be built, and dropped, for nearly every event.
 *
 * <p>A fixed number of slots, each with the thread that holds it now and an instance, built by the
 * slot's first borrower and reused by the next ones. A thread looks at a window of {@link #WINDOW}
 * slots from a place its id picks, so that threads that run at once mostly take different slots. The
 * slots are shared, not one per carrier thread: a virtual thread may park while it holds one (an
 * overload policy that blocks, a wait for a force), and another then runs on its carrier.
 *
 * <p>A thread that borrows again before it gave back (an event logged while one is captured) gets the
 * instance it holds, as from a {@link ThreadLocal} (the instances lent are {@link Nesting}s where the
 * nested event must get one of its own). A thread that finds every slot of its window taken gets an
 * instance of its own, which a {@code ThreadLocal} references only weakly (a thread must not keep the
 * class loader of a redeployed application alive), and which is not kept for other threads.
 *
 * <p>A borrow never given back (the give-back itself failed, e.g. out of stack) keeps its slot while its
 * thread lives; a thread that finds its window taken takes the slots of ended threads back, with a new
 * instance, since the one left behind may be in any state.
 *
 * <p>Thread-safe, without locks; allocates only to build instances. The holders are not padded against
 * false sharing: nothing measured showed a need.
 */
final class LendingPool<T> {
    /** How many slots a thread looks at: one or two cache lines of holders, enough that a full window is rare. */
    static final int WINDOW = 8;

    private final Supplier<? extends T> factory;
    private final int slots;
    private final int window;
    private final AtomicReferenceArray<Thread> holders;
    /**
     * Slot i's instance, and how many borrows of it are not given back yet: used only by the thread in
     * {@code holders[i]}, which the compare-and-set that took the slot and the write that freed it order.
     */
    private final Object[] instances;
    private final int[] holds;
    /** The instance of a thread that found its window taken. */
    private final ThreadLocal<WeakReference<T>> own = new ThreadLocal<>();
    /**
     * Borrows of such instances not given back yet. While there are none, no thread holds one, and a
     * thread without a slot does not look for its own: a virtual thread's first look at a ThreadLocal
     * allocates.
     */
    private final AtomicInteger ownLent = new AtomicInteger();

    LendingPool(int slots, Supplier<? extends T> factory) {
        if (slots < 1) {
            throw new IllegalArgumentException("a pool needs a slot, not " + slots);
        }
        this.factory = factory;
        this.slots = slots;
        this.window = Math.min(WINDOW, slots);
        this.holders = new AtomicReferenceArray<>(slots);
        this.instances = new Object[slots];
        this.holds = new int[slots];
    }

    /**
     * Four slots per processor: a carrier thread runs one virtual thread at a time, and the others leave
     * room for threads that park while they hold one.
     */
    static int slotsFor(int processors) {
        return 4 * Math.max(1, processors);
    }

    /** The calling thread's instance until it gives it back as often as it borrowed it. */
    @SuppressWarnings("unchecked")
    T borrow() {
        Thread me = Thread.currentThread();
        int home = home(me);
        int firstFree = window; // how far into the window the first free slot is
        for (int n = 0, i = home; n < window; n++, i = next(i)) {
            Thread holder = holders.get(i);
            if (holder == me) {
                holds[i]++;
                return (T) instances[i];
            }
            if (holder == null && firstFree == window) {
                firstFree = n;
            }
        }
        if (ownLent.get() > 0) {
            T mine = ownInstance();
            if (mine != null) { // this thread's, in use (a nested borrow) or left from an earlier one
                ownLent.incrementAndGet();
                return mine;
            }
        }
        for (int n = firstFree, i = (home + n) % slots; n < window; n++, i = next(i)) {
            if (holders.get(i) == null && holders.compareAndSet(i, null, me)) {
                return take(i);
            }
        }
        for (int n = 0, i = home; n < window; n++, i = next(i)) {
            Thread holder = holders.get(i);
            if (holder != null && !holder.isAlive() && holders.compareAndSet(i, holder, me)) {
                instances[i] = null;
                return take(i);
            }
        }
        return borrowOwn();
    }

    /** Gives back what {@link #borrow()} returned, once per borrow, on the same thread. */
    void giveBack(T instance) {
        Thread me = Thread.currentThread();
        for (int n = 0, i = home(me); n < window; n++, i = next(i)) {
            if (holders.get(i) == me) {
                if (instances[i] == instance && --holds[i] == 0) {
                    holders.set(i, null);
                }
                return;
            }
        }
        ownLent.decrementAndGet();
    }

    /** Slot i, just taken by this thread: its instance, built the first time. */
    @SuppressWarnings("unchecked")
    private T take(int i) {
        T instance = (T) instances[i];
        if (instance == null) {
            try {
                instance = factory.get();
            } catch (RuntimeException | Error e) {
                holders.set(i, null); // a slot held without an instance would be returned empty to the next borrow
                throw e;
            }
            instances[i] = instance;
        }
        holds[i] = 1;
        return instance;
    }

    private T borrowOwn() {
        T mine = ownInstance();
        if (mine == null) {
            mine = factory.get();
            own.set(new WeakReference<>(mine));
        }
        ownLent.incrementAndGet();
        return mine;
    }

    private T ownInstance() {
        WeakReference<T> ref = own.get();
        return ref == null ? null : ref.get();
    }

    /** Where a thread's window starts: threads started one after another start at neighbouring slots. */
    private int home(Thread thread) {
        return Math.floorMod(thread.getId(), slots);
    }

    private int next(int i) {
        return i + 1 == slots ? 0 : i + 1;
    }
}
