package io.timberlog.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pool that lends virtual threads their instances, on platform threads (the pool does not ask what
 * kind a thread is): each borrower thread here stands for a virtual thread.
 */
class LendingPoolTest {
    /** An instance that knows how often it was built and who uses it now. */
    private static final class Instance {
        final AtomicReference<Thread> user = new AtomicReference<>();
    }

    private final AtomicInteger built = new AtomicInteger();

    private LendingPool<Instance> pool(int slots) {
        return new LendingPool<>(slots, () -> {
            built.incrementAndGet();
            return new Instance();
        });
    }

    /** Runs {@code task} on a new platform thread, waits until that thread ended, and returns the task's result. */
    private static <T> T onNewThread(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(task.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(thread.isAlive(), "the task did not end");
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return result.get();
    }

    @Test
    void borrow_afterGiveBack_lendsTheSameInstanceAgain() {
        LendingPool<Instance> pool = pool(4);
        Instance first = pool.borrow();
        pool.giveBack(first);
        assertSame(first, pool.borrow());
        assertEquals(1, built.get());
    }

    @Test
    void borrow_byThreadsOneAfterAnother_buildsAtMostOneInstancePerSlot() throws Exception {
        LendingPool<Instance> pool = pool(4);
        for (int i = 0; i < 1_000; i++) {
            onNewThread(() -> {
                pool.giveBack(pool.borrow());
                return null;
            });
        }
        assertTrue(built.get() <= 4, built + " instances built for 4 slots");
    }

    @Test
    void borrow_againBeforeGivingBack_returnsTheInstanceHeldUntilEveryBorrowIsGivenBack() throws Exception {
        LendingPool<Instance> pool = pool(1);
        Instance outer = pool.borrow();
        assertSame(outer, pool.borrow(), "a nested borrow gets the instance its thread holds");
        pool.giveBack(outer);
        assertNotSame(outer, onNewThread(pool::borrow), "still held after one of two give-backs");
        pool.giveBack(outer);
        assertSame(outer, onNewThread(pool::borrow), "free once both are given back");
    }

    @Test
    void borrow_whenEverySlotIsHeld_buildsAnExtraThatIsNotKeptForOthers() throws Exception {
        LendingPool<Instance> pool = pool(2);
        CyclicBarrier bothHeld = new CyclicBarrier(3);
        CyclicBarrier extraDone = new CyclicBarrier(3);
        List<Instance> slotted = new ArrayList<>();
        ExecutorService holders = Executors.newFixedThreadPool(2);
        try {
            List<Future<Instance>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(holders.submit(() -> {
                    Instance instance = pool.borrow();
                    bothHeld.await(10, TimeUnit.SECONDS);
                    extraDone.await(10, TimeUnit.SECONDS);
                    pool.giveBack(instance);
                    return instance;
                }));
            }
            bothHeld.await(10, TimeUnit.SECONDS);
            Instance extra = onNewThread(() -> {
                Instance instance = pool.borrow();
                pool.giveBack(instance);
                return instance;
            });
            extraDone.await(10, TimeUnit.SECONDS);
            for (Future<Instance> f : held) {
                slotted.add(f.get());
            }
            assertEquals(3, built.get(), "two slots and one extra");
            for (int i = 0; i < 100; i++) {
                Instance later = onNewThread(() -> {
                    Instance instance = pool.borrow();
                    pool.giveBack(instance);
                    return instance;
                });
                assertNotSame(extra, later, "the extra instance was kept");
                assertTrue(slotted.contains(later), "a slot's instance");
            }
            assertEquals(3, built.get(), "nothing built once the slots were free");
        } finally {
            holders.shutdownNow();
        }
    }

    @Test
    void borrow_nestedInAThreadsOwnInstance_returnsItEvenIfASlotFreedMeanwhile() throws Exception {
        LendingPool<Instance> pool = pool(1);
        CyclicBarrier slotTaken = new CyclicBarrier(2);
        CyclicBarrier ownTaken = new CyclicBarrier(2);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = other.submit(() -> {
                Instance instance = pool.borrow();
                slotTaken.await(10, TimeUnit.SECONDS);
                ownTaken.await(10, TimeUnit.SECONDS);
                pool.giveBack(instance);
                return null;
            });
            slotTaken.await(10, TimeUnit.SECONDS);
            Instance own = pool.borrow();
            ownTaken.await(10, TimeUnit.SECONDS);
            holder.get();
            assertSame(own, pool.borrow(), "the nested borrow took the slot freed meanwhile");
            pool.giveBack(own);
            pool.giveBack(own);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void borrow_slotOfAThreadThatEndedWithoutGivingBack_isTakenBackWithANewInstance() throws Exception {
        LendingPool<Instance> pool = pool(1);
        Instance abandoned = onNewThread(pool::borrow);
        Instance next = pool.borrow();
        assertNotSame(abandoned, next, "the instance left behind may be in any state");
        pool.giveBack(next);
        assertSame(next, onNewThread(() -> {
            Instance instance = pool.borrow();
            pool.giveBack(instance);
            return instance;
        }), "the slot lends its new instance");
        assertEquals(2, built.get());
    }

    @Test
    void borrow_byConcurrentThreads_neverLendsAnInstanceToTwoAtOnce() throws Exception {
        int threads = 16;
        LendingPool<Instance> pool = pool(4);
        AtomicInteger sharedUses = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            CyclicBarrier start = new CyclicBarrier(threads);
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    Thread me = Thread.currentThread();
                    for (int i = 0; i < 20_000; i++) {
                        Instance instance = pool.borrow();
                        if (!instance.user.compareAndSet(null, me)) {
                            sharedUses.incrementAndGet();
                        }
                        if (i % 64 == 0) {
                            Thread.yield(); // now and then, others run while this one holds its instance
                        }
                        instance.user.compareAndSet(me, null);
                        pool.giveBack(instance);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get(2, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    throw new AssertionError(e.getCause());
                }
            }
        } finally {
            executor.shutdownNow();
        }
        assertEquals(0, sharedUses.get(), "uses of an instance another thread was using");
        assertTrue(built.get() <= 4 + threads, built + " instances: one per slot, at most one of its own per thread");
    }
}
