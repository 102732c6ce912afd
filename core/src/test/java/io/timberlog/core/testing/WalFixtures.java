package io.timberlog.core.testing;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.FsyncPolicy;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.RunInfo;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.StoreReader;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.internal.wal.WalWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores holding only WAL files, as a run leaves them when nothing converted them (a crash, or a
 * conversion cut short), written through the real write path with varied events.
 */
public final class WalFixtures {
    private WalFixtures() {
    }

    public static StoreOptions.Builder options(Path dir) {
        return StoreOptions.builder(dir).fsync(FsyncPolicy.NEVER).maxWalSize(StoreOptions.MIN_WAL_SIZE)
                .maxEventSize(StoreOptions.MIN_EVENT_SIZE).maxAge(null).problemListener((m, c) -> { });
    }

    /** Appends {@code count} varied events as one run and closes the WAL, converting nothing. */
    public static void writeRun(Path dir, int count, long seed) throws IOException {
        StoreOptions options = options(dir).build();
        RunInfo run = new RunInfo(System.currentTimeMillis() * 1_000_000L, seed, "fixture-host", seed * 31);
        WalWriter writer = WalWriter.open(options, run);
        CapturedEvent event = new CapturedEvent();
        for (int i = 0; i < count; i++) {
            if (!writer.append(fill(event, i, seed))) {
                throw new IllegalStateException("append " + i + " dropped");
            }
        }
        writer.close(5_000_000_000L);
    }

    /** A varied event: parameterized messages, stored messages, MDC, markers, key-values, real exceptions, huge fields. */
    static CapturedEvent fill(CapturedEvent e, int i, long seed) {
        e.reset().timestamp(1_767_225_600_000_000_000L + i * 1_234_567L).level(Level.ofCode(i % 6))
                .logger("com.acme.Service" + (i % 3)).thread("worker-" + (i % 4));
        switch (i % 7) {
            case 0:
                e.message("order {} for {} took {} ms", MessageStyle.SLF4J).addArgument(i).addArgument("customer-" + seed)
                        .addArgument(i * 0.5).putMdc("requestId", "r-" + i);
                break;
            case 1:
                e.message("literal line " + i, MessageStyle.LITERAL).addMarker("AUDIT");
                break;
            case 2:
                e.message("log4j {} {}", MessageStyle.LOG4J2).addArgument(new int[] {1, 2}).addArgument((Object) null)
                        .addKeyValue("k", i).addKeyValue("s", "v" + i);
                break;
            case 3:
                RuntimeException cause = new IllegalStateException("inner " + i);
                RuntimeException top = new RuntimeException("outer", cause);
                top.addSuppressed(new java.io.UncheckedIOException(new java.io.IOException("io")));
                e.message("failed {}", MessageStyle.SLF4J).addArgument(i)
                        .throwable(ThrowableInfo.from(top, MessageStyle.SLF4J)).addCallerFrame("a.B.c(B.java:" + i + ")");
                break;
            case 4:
                e.message("stored", MessageStyle.LOG4J2).formattedMessage("a message made by a custom Message " + i)
                        .putMdc("nullable", null);
                break;
            case 5:
                if (i % 2 == 0) {
                    e.message("huge {}", MessageStyle.SLF4J).addArgument("x".repeat(100_000)); // truncated to fit
                } else {
                    e.message("payload {}", MessageStyle.SLF4J).addArgument(noise(i, 3_000)); // hardly compresses
                }
                break;
            default:
                e.message("unicode {} \u00e9\ud83d\ude00", MessageStyle.SLF4J).addArgument("\ud800 lone").addArgument(true)
                        .addArgument(1.5f);
        }
        return e;
    }

    private static String noise(long seed, int length) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    /** Every event the store returns, in order. */
    public static List<LogEvent> readAll(Path dir) throws IOException {
        List<LogEvent> events = new ArrayList<>();
        StoreReader.open(dir).readAll(events::add);
        return events;
    }

    /** Asserts that the events are {@code 0..count-1} by sequence, each exactly once. */
    public static void assertEachSequenceOnce(List<LogEvent> events, long count) {
        org.junit.jupiter.api.Assertions.assertEquals(count, events.size(), "event count");
        for (int i = 0; i < events.size(); i++) {
            org.junit.jupiter.api.Assertions.assertEquals(i, events.get(i).sequence(), "sequence at " + i);
        }
    }
}
