package io.timberlog.cli;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;

import java.nio.file.Paths;

/**
 * A child JVM for the crash tests: appends {@code N} events from two threads, prints "READY" once they
 * are all acknowledged, then goes on appending until it is killed.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        LogStore store = LogStore.open(StoreOptions.builder(Paths.get(args[0])).maxWalSize(256 << 10)
                .problemListener((m, c) -> { }).build());
        int n = Integer.parseInt(args[1]);
        CapturedEvent e = new CapturedEvent();
        for (int i = 0; i < n; i++) {
            store.append(e.reset().timestamp(System.currentTimeMillis() * 1_000_000L).level(Level.INFO).logger("child")
                    .thread("main").message("acknowledged {}", MessageStyle.SLF4J).addArgument(i));
        }
        System.out.println("READY");
        System.out.flush();
        Thread other = new Thread(() -> appendForever(store, "other"), "other");
        other.setDaemon(true);
        other.start();
        appendForever(store, "main");
    }

    private static void appendForever(LogStore store, String thread) {
        CapturedEvent e = new CapturedEvent();
        for (long i = 0; ; i++) {
            store.append(e.reset().timestamp(System.currentTimeMillis() * 1_000_000L).level(Level.DEBUG).logger("child")
                    .thread(thread).message("after ready {}", MessageStyle.SLF4J).addArgument(i));
        }
    }
}
