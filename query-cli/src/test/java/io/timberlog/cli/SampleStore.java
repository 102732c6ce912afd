package io.timberlog.cli;

import io.timberlog.core.Level;
import io.timberlog.core.ThrowableInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The store most CLI tests read: six events of one run, one of each kind of field. */
final class SampleStore {
    private SampleStore() {
    }

    static void write(Path dir) throws IOException {
        Cli.write(dir, w -> {
            w.append(w.event(1, Level.INFO, "com.acme.orders.OrderService", "order {} for {} took {} ms", 1L, "alice", 120L)
                    .putMdc("requestId", "r-1"));
            w.append(2, Level.DEBUG, "com.acme.orders.OrderService", "cache miss {}", "k1");
            w.append(3, Level.WARN, "com.acme.payments.Gateway", "slow gateway {} ms", 900L);
            w.append(4.25, Level.INFO, "com.acme.orders.OrderService", "order {} for {} took {} ms", 2L, "bob", 700L);
            w.append(w.event(5, Level.ERROR, "com.acme.orders", "payment failed for {}", "carol")
                    .putMdc("requestId", "r-5").addKeyValue("customer", "carol").addMarker("AUDIT")
                    .throwable(ThrowableInfo.of("java.lang.IllegalStateException", "wrapped", List.of("a.B.c(B.java:1)"), 0,
                            ThrowableInfo.of("java.net.SocketTimeoutException", "read timed out", List.of("x.Y.z(Y.java:2)"),
                                    0, null, List.of()), List.of())));
            w.append(w.event(6, Level.INFO, "com.acme.orders.OrderService", "order {} for {} took {} ms", 3L, "dave", 501.5)
                    .thread("worker-2"));
        });
    }
}
