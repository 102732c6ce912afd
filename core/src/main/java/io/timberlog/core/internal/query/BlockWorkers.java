package io.timberlog.core.internal.query;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that decode and filter segment blocks ahead of a query's reader, so that a scan uses
 * every processor: one per processor, daemon threads of low priority, started when a query first
 * needs them and ended after a few idle seconds. Thread-safe.
 */
final class BlockWorkers {
    static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final ThreadPoolExecutor POOL = pool();

    private BlockWorkers() {
    }

    private static ThreadPoolExecutor pool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(task, "timberlog-query-" + count.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static <T> Future<T> submit(Callable<T> task) {
        return POOL.submit(task);
    }
}
