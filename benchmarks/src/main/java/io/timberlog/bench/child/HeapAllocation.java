package io.timberlog.bench.child;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes allocated on the heap by the whole JVM between {@link #start()} and {@link #stop()}, by every
 * thread, including threads that end in between (which per-thread counters would miss): the bytes
 * each collection freed plus the growth of the heap in use. Exact to within what the collector keeps
 * in not yet filled allocation buffers (a few MB), and blind to memory that G1 frees outside a
 * collection pause (whole regions at the end of a concurrent cycle): figures are per million events,
 * so both are small.
 */
final class HeapAllocation implements NotificationListener {
    private final AtomicLong freed = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();
    private long usedAtStart;
    private long collectionsAtStart;

    void start() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(this, null, null);
        }
        collectionsAtStart = collections();
        usedAtStart = heapUsed();
    }

    /** Bytes allocated since {@link #start()}. */
    long stop() throws InterruptedException {
        long used = heapUsed();
        long expected = collections() - collectionsAtStart;
        // Notifications arrive on a JMX thread shortly after each collection.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (notifications.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(this);
            } catch (javax.management.ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return freed.get() + used - usedAtStart;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long before = sum(info.getGcInfo().getMemoryUsageBeforeGc());
        long after = sum(info.getGcInfo().getMemoryUsageAfterGc());
        freed.addAndGet(before - after);
        notifications.incrementAndGet();
    }

    private static long sum(Map<String, MemoryUsage> usage) {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = usage.get(pool.getName());
            if (pool.getType() == MemoryType.HEAP && u != null) {
                total += u.getUsed();
            }
        }
        return total;
    }

    private static long heapUsed() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getUsage().getUsed();
            }
        }
        return total;
    }

    private static long collections() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }
}
