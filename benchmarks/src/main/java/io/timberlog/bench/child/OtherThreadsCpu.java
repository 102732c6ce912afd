package io.timberlog.bench.child;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU time used by the JVM's threads other than the given ones (the calling threads) between
 * {@link #start()} and {@link #stop()}: a framework's background work, such as a writer thread or
 * TimberLog's conversion into segments. A thread that ends in between loses what it used since the
 * start; none of the contenders' background threads ends before the framework's stop.
 */
final class OtherThreadsCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Set<Long> excluded;
    private Map<Long, Long> atStart;

    OtherThreadsCpu(Set<Long> excluded) {
        this.excluded = excluded;
    }

    void start() {
        atStart = snapshot();
    }

    long stop() {
        long total = 0;
        for (Map.Entry<Long, Long> now : snapshot().entrySet()) {
            total += now.getValue() - atStart.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (!excluded.contains(id) && nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }
}
