package io.timberlog.examples.demo;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.StoreReader;
import io.timberlog.core.ThrowableInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starts a small "service" in a child JVM that logs into a store from two threads, kills it with
 * SIGKILL while it logs, and shows the last events it wrote: nothing the child logged before it died
 * is lost, and no repair step is needed to read them.
 */
public final class CrashDemo {
    private CrashDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Paths.get(args.length > 0 ? args[0] : "target/demo-store").toAbsolutePath();
        if (args.length > 1 && args[1].equals("--child")) {
            runService(store);
            return;
        }
        deleteRecursively(store);
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashDemo.class.getName(), store.toString(), "--child")
                .inheritIO().start();
        System.out.println("Started a service (pid " + child.pid() + ") logging into " + store);
        Thread.sleep(1500);
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, nothing
        child.waitFor();
        System.out.println("Killed it with SIGKILL. Its last 20 events, read from the store:");
        Deque<LogEvent> last = new ArrayDeque<>();
        StoreReader.ReadSummary summary = StoreReader.open(store).readAll(e -> {
            last.addLast(e);
            if (last.size() > 20) {
                last.removeFirst();
            }
        });
        for (LogEvent e : last) {
            System.out.printf("%s %-5s [%s] %s - %s%n", Instant.ofEpochSecond(0, e.epochNanos()), e.level(),
                    e.thread(), e.logger(), e.message());
        }
        System.out.println(summary.events() + " events recovered from " + summary.files() + " WAL file(s); "
                + summary.corruption().size() + " corrupt ranges.");
    }

    private static void runService(Path store) throws IOException {
        LogStore logStore = LogStore.open(StoreOptions.builder(store).build());
        for (int t = 0; t < 2; t++) {
            String name = "http-worker-" + t;
            Thread worker = new Thread(() -> serve(logStore), name);
            worker.start();
        }
    }

    private static void serve(LogStore store) {
        CapturedEvent e = new CapturedEvent();
        String thread = Thread.currentThread().getName();
        for (long order = 1; ; order++) {
            long millis = ThreadLocalRandom.current().nextLong(1, 900);
            e.reset().timestamp(System.currentTimeMillis() * 1_000_000L).thread(thread)
                    .logger("com.example.shop.OrderService").level(Level.INFO)
                    .message("order {} for {} took {} ms", MessageStyle.SLF4J)
                    .addArgument(order).addArgument("customer-" + (order % 97)).addArgument(millis)
                    .putMdc("requestId", "req-" + order);
            store.append(e);
            if (order % 5000 == 0) {
                e.reset().timestamp(System.currentTimeMillis() * 1_000_000L).thread(thread)
                        .logger("com.example.shop.PaymentClient").level(Level.ERROR)
                        .message("payment for order {} failed", MessageStyle.SLF4J).addArgument(order)
                        .throwable(ThrowableInfo.of("java.net.SocketTimeoutException", "Read timed out",
                                List.of("com.example.shop.PaymentClient.charge(PaymentClient.java:88)"), 0, null, List.of()));
                store.append(e);
            }
            if (order % 200 == 0) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
