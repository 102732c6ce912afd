package io.timberlog.testing;

import java.lang.management.ManagementFactory;

/** Measures the bytes a call allocates on the calling thread, for the allocation probes (run by hand). */
public final class AllocationMeter {
    private static final int ROUNDS = 200_000;

    private AllocationMeter() {
    }

    /** Runs {@code call} to warm it up, then measures it and prints the bytes allocated per call. */
    public static void report(String what, Runnable call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < ROUNDS; i++) {
            call.run(); // warm-up: let the JIT compile and the per-thread buffers grow
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < ROUNDS; i++) {
            call.run();
        }
        long after = threads.getThreadAllocatedBytes(id);
        System.out.printf("%-45s %8.1f bytes/event%n", what, (after - before) / (double) ROUNDS);
    }
}
