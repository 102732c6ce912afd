package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.FsyncPolicy;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.RunInfo;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.internal.manifest.ManifestFileAccess;
import io.timberlog.core.internal.manifest.SegmentManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One run of the real write path (WAL writer, flusher, allocator, segment manager) with the smallest WAL
 * files, driven by a seed: appends, sync() now and then, converts sealed files on the test thread, and
 * takes a {@link CrashImage} at chosen moments, some of them inside a conversion, just before it
 * replaces the manifest. Event n (its sequence number) says what it is, so a reader can tell an intact
 * event from a damaged one.
 */
final class PowerLossScenario {
    private final Path dir;
    private final SplittableRandom random;
    private final List<CrashImage> images = new ArrayList<>();
    private ForceRecordingIo io;
    private long appended;
    private long synced;

    private PowerLossScenario(Path dir, long seed) {
        this.dir = dir;
        this.random = new SplittableRandom(seed);
    }

    static StoreOptions options(Path dir) {
        return StoreOptions.builder(dir).fsync(FsyncPolicy.NEVER).maxWalSize(StoreOptions.MIN_WAL_SIZE)
                .maxEventSize(StoreOptions.MIN_EVENT_SIZE).maxAge(null).problemListener((m, c) -> { }).build();
    }

    /** The message of event {@code sequence}: its number and a payload of a length and content it decides. */
    static String message(long sequence) {
        SplittableRandom random = new SplittableRandom(sequence);
        char[] payload = new char[random.nextInt(700)];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (char) ('a' + random.nextInt(26));
        }
        return "power loss event " + sequence + " " + new String(payload);
    }

    /** Runs the scenario of {@code seed} in {@code dir}: {@code moments} images between steps, and those taken in conversions. */
    static List<CrashImage> run(Path dir, long seed, int moments) throws IOException {
        return new PowerLossScenario(dir, seed).run(moments);
    }

    private List<CrashImage> run(int moments) throws IOException {
        StoreOptions options = options(dir);
        Files.createDirectories(dir);
        SegmentManager segments = ManifestFileAccess.openWithHook(options, this::maybeCaptureInConversion);
        io = new ForceRecordingIo();
        RunInfo run = new RunInfo(System.currentTimeMillis() * 1_000_000L, random.nextLong(), "power-loss-host",
                random.nextLong());
        WalWriter writer = WalWriter.open(options, run, 1, 0, segments, io);
        CapturedEvent event = new CapturedEvent();
        try {
            for (int moment = 0; moment < moments; moment++) {
                int steps = 50 + random.nextInt(800);
                for (int step = 0; step < steps; step++) {
                    int action = random.nextInt(100);
                    if (action < 3) {
                        if (writer.sync()) {
                            synced = appended;
                        }
                    } else if (action < 5) {
                        segments.convertAllNow(0);
                    } else {
                        if (!writer.append(event.reset().timestamp(1_767_225_600_000_000_000L + appended)
                                .logger("power.loss").thread("main").message(message(appended), MessageStyle.LITERAL))) {
                            throw new IllegalStateException("event " + appended + " dropped");
                        }
                        appended++;
                    }
                }
                images.add(CrashImage.capture(dir, io, synced, appended, false));
            }
        } finally {
            writer.close(0);
            segments.close(Duration.ZERO);
        }
        return images;
    }

    private void maybeCaptureInConversion() {
        if (random.nextInt(4) == 0) {
            try {
                images.add(CrashImage.capture(dir, io, synced, appended, true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
