package io.timberlog.bench.child;

import io.timberlog.bench.Contender;
import io.timberlog.bench.IngestResult;
import io.timberlog.bench.OutputKind;
import io.timberlog.bench.output.EventOutput;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * One ingest run of one contender, in its own JVM:
 * {@code IngestChild <contender> <threads> <warmup> <latencyEvents> <events> <result file>}.
 * <ol>
 *   <li>warm-up: every thread makes {@code warmup} calls; then a pause, so that what a framework queued
 *       is written before anything is measured;</li>
 *   <li>latency: {@code latencyEvents} calls per thread, back to back, each timed with
 *       {@link System#nanoTime()} into a histogram; then a pause;</li>
 *   <li>throughput: {@code events} calls per thread, not timed one by one; the time until the last
 *       thread's last call returned, the bytes each calling thread allocated and the CPU time it used,
 *       the CPU time of the other threads until then, and the heap allocation of the whole JVM;</li>
 *   <li>stop: the framework is stopped as an application does at its end, which writes what it still
 *       buffers; the time until then gives the rate of events actually written.</li>
 * </ol>
 * Then the output is read back and its events counted: a framework that drops events would
 * otherwise look fast. The result is written as {@link IngestResult} properties.
 */
public final class IngestChild {
    /** Lets a framework's queue drain, and TimberLog's segment thread catch up, between phases. */
    private static final long PAUSE_MILLIS = 300;
    /** Longest latency recorded as itself; a longer one is recorded as this. */
    private static final long MAX_RECORDED_NANOS = TimeUnit.SECONDS.toNanos(30);

    private IngestChild() {
    }

    public static void main(String[] args) throws Exception {
        Contender contender = Contender.byId(args[0]);
        int threads = Integer.parseInt(args[1]);
        long warmup = Long.parseLong(args[2]);
        long latencyEvents = Long.parseLong(args[3]);
        long events = Long.parseLong(args[4]);
        Path resultFile = Paths.get(args[5]);

        Workload workload = new Workload();
        com.sun.management.ThreadMXBean threadBean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CyclicBarrier phase = new CyclicBarrier(threads + 1);
        Histogram[] latencies = new Histogram[threads];
        long[] callsEnd = new long[threads];
        long[] callerBytes = new long[threads];
        long[] callerCpu = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            latencies[t] = new Histogram(MAX_RECORDED_NANOS, 3);
            workers[t] = new Thread(() -> {
                try {
                    Workload.enterThread(index);
                    long i = 0;
                    for (long n = 0; n < warmup; n++) {
                        workload.log(i++);
                    }
                    phase.await(); // warm-up done
                    phase.await(); // latency starts
                    Histogram histogram = latencies[index];
                    for (long n = 0; n < latencyEvents; n++) {
                        long start = System.nanoTime();
                        workload.log(i++);
                        histogram.recordValue(Math.min(System.nanoTime() - start, MAX_RECORDED_NANOS));
                    }
                    phase.await(); // latency done
                    phase.await(); // throughput starts
                    long allocatedBefore = threadBean.getCurrentThreadAllocatedBytes();
                    long cpuBefore = threadBean.getCurrentThreadCpuTime();
                    for (long n = 0; n < events; n++) {
                        workload.log(i++);
                    }
                    callsEnd[index] = System.nanoTime();
                    callerCpu[index] = threadBean.getCurrentThreadCpuTime() - cpuBefore;
                    callerBytes[index] = threadBean.getCurrentThreadAllocatedBytes() - allocatedBefore;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-" + t);
            workers[t].start();
        }
        phase.await();
        Thread.sleep(PAUSE_MILLIS);
        phase.await();
        phase.await();
        Thread.sleep(PAUSE_MILLIS);
        Set<Long> callers = new HashSet<>();
        for (Thread worker : workers) {
            callers.add(worker.getId());
        }
        OtherThreadsCpu background = new OtherThreadsCpu(callers);
        HeapAllocation heap = new HeapAllocation();
        heap.start();
        background.start();
        long start = System.nanoTime();
        phase.await();
        for (Thread worker : workers) {
            worker.join();
        }
        long backgroundCpu = background.stop();
        long lastCallReturned = 0;
        long allCallerBytes = 0;
        long allCallerCpu = 0;
        for (int t = 0; t < threads; t++) {
            lastCallReturned = Math.max(lastCallReturned, callsEnd[t]);
            allCallerBytes += callerBytes[t];
            allCallerCpu += callerCpu[t];
        }
        FrameworkControl.stop(contender.family());
        long stopped = System.nanoTime();
        long jvmBytes = heap.stop();

        Histogram latency = new Histogram(MAX_RECORDED_NANOS, 3);
        for (Histogram h : latencies) {
            latency.add(h);
        }
        long total = events * threads;
        long[] found = {-1};
        if (contender.output() != OutputKind.NONE) {
            found[0] = 0;
            EventOutput.of(contender.output()).read(Paths.get(System.getProperty("bench.dir")), order -> found[0]++);
        }
        IngestResult result = new IngestResult(contender, threads, total, threads * (warmup + latencyEvents + events),
                found[0],
                total * 1e9 / (lastCallReturned - start), total * 1e9 / (stopped - start),
                (stopped - lastCallReturned) / 1e6,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue(),
                (double) allCallerBytes / total, (double) jvmBytes / total, (double) allCallerCpu / total,
                (double) backgroundCpu / total);
        result.write(resultFile);
    }
}
