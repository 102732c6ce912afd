package io.timberlog.logback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** What {@link CrashLoopTest} did, for RELIABILITY.md. */
final class CrashLoopFigures {
    private final int kills;
    private final long seed;
    private final long startNanos = System.nanoTime();
    private int killedDuringStart;
    private long acknowledged;
    private long eventsChecked;
    private long maxStoreBytes;
    private long walBytesThen;
    private CrashLoopTest.Checked last = new CrashLoopTest.Checked();

    CrashLoopFigures(int kills, long seed) {
        this.kills = kills;
        this.seed = seed;
    }

    void killed(CrashLoopTest.Round round) {
        if (!round.killedWhileLogging) {
            killedDuringStart++;
        }
        for (long n : round.acknowledged) {
            acknowledged += n;
        }
    }

    void checked(CrashLoopTest.Checked checked, long storeBytes, long walBytes) {
        eventsChecked += checked.events;
        if (storeBytes > maxStoreBytes) {
            maxStoreBytes = storeBytes;
            walBytesThen = walBytes;
        }
        last = checked;
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toString() + System.lineSeparator());
    }

    @Override
    public String toString() {
        return "crash loop at " + Instant.now() + ": " + kills + " kills (seed " + seed + "), " + killedDuringStart
                + " of them during the writer's start; " + acknowledged + " events acknowledged in all; "
                + eventsChecked + " event reads checked over all checks; after the last kill "
                + last.roundsChecked + " rounds checked whole (" + last.acknowledged + " acknowledged events, all "
                + "found once), " + last.roundsCutByRetention + " rounds reached by retention; largest store "
                + (maxStoreBytes >> 20) + " MiB (" + (walBytesThen >> 20) + " MiB of it WAL files); lost 0, duplicated 0; "
                + Duration.ofNanos(System.nanoTime() - startNanos).toSeconds() + " s";
    }
}
