package io.timberlog.core.bench;

import io.timberlog.core.CapturedEvent;

import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;

import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The core's append path in isolation, with the ingest workload of the benchmarks: a message with
 * three arguments and one MDC entry, as an appender hands it over. Measures events per second on one
 * and two threads; run with {@code -prof gc} for the bytes allocated per event.
 *
 * <pre>mvn -B -q -Pjmh -pl core test-compile exec:exec</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AppendBenchmark {

    /** One store for all benchmark threads, as in an application. */
    @State(Scope.Benchmark)
    public static class Store {
        Path dir;
        LogStore store;

        @Setup(org.openjdk.jmh.annotations.Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("timberlog-bench");
            store = LogStore.open(StoreOptions.builder(dir).build());
        }

        @TearDown(org.openjdk.jmh.annotations.Level.Trial)
        public void close() throws IOException {
            store.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What an appender keeps per thread. */
    @State(Scope.Thread)
    public static class PerThread {
        final CapturedEvent event = new CapturedEvent();
        final String thread = Thread.currentThread().getName();
        final String[] customers = {"customer-1", "customer-22", "customer-333", "customer-4444"};
        final String requestId = "req-7f3a9c21";
        long i;
    }

    @Benchmark
    @Threads(1)
    public boolean appendOneThread(Store s, PerThread t) {
        return s.store.append(fill(t));
    }

    @Benchmark
    @Threads(2)
    public boolean appendTwoThreads(Store s, PerThread t) {
        return s.store.append(fill(t));
    }

    private static CapturedEvent fill(PerThread t) {
        long i = t.i++;
        return t.event.reset().timestamp(System.currentTimeMillis() * 1_000_000L)
                .level(io.timberlog.core.Level.INFO).logger("com.example.shop.OrderService").thread(t.thread)
                .message("order {} for {} took {} ms", MessageStyle.SLF4J)
                .addArgument(i).addArgument(t.customers[(int) (i & 3)]).addArgument(i % 1000)
                .putMdc("requestId", t.requestId);
    }
}
