package io.timberlog.core.internal.manifest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Which segments retention deletes: those older than the maximum age, then, oldest first, as many as it
 * takes for the store (segments and WAL files) to fit the maximum total size. A segment's age is that
 * of its newest event, but never less than that of its file: one event stamped in the future (a clock
 * that was wrong) must not keep its segment, and with it every later one, for as long as it is ahead. When a writer outruns conversion for long, the WAL files waiting to be converted alone can
 * exceed the size: then the oldest of them go too ({@link #backlogToShed}), so that the disk stays
 * bounded and the newest events, the ones that explain a crash, are kept.
 *
 * <p>Immutable and thread-safe.
 */
final class Retention {
    private final long maxTotalSize;
    private final long maxAgeNanos;

    /**
     * @param maxTotalSize bytes, 0 for no limit
     * @param maxAge       {@code null} for no limit
     */
    Retention(long maxTotalSize, Duration maxAge) {
        this.maxTotalSize = maxTotalSize;
        this.maxAgeNanos = maxAge == null ? 0 : saturatedNanos(maxAge);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * How many of the waiting WAL files (sizes oldest first) to delete so that {@code otherBytes} (what
     * stays anyway: segments and the current file) plus the rest fit the maximum total size.
     */
    int backlogToShed(List<Long> waitingSizes, long otherBytes) {
        if (maxTotalSize <= 0) {
            return 0;
        }
        long total = otherBytes;
        for (long size : waitingSizes) {
            total += size;
        }
        int shed = 0;
        while (total > maxTotalSize && shed < waitingSizes.size()) {
            total -= waitingSizes.get(shed++);
        }
        return shed;
    }

    /**
     * The segments of {@code manifest} to delete, oldest first.
     *
     * @param writtenEpochNanos when a segment's file was written ({@link Long#MAX_VALUE} when not known)
     */
    List<ManifestEntry> expired(Manifest manifest, long walBytes, long nowEpochNanos,
                                ToLongFunction<ManifestEntry> writtenEpochNanos) {
        List<ManifestEntry> out = new ArrayList<>();
        long total = manifest.totalSize() + walBytes;
        for (ManifestEntry e : manifest.segments()) {
            boolean tooOld = maxAgeNanos > 0
                    && nowEpochNanos - Math.min(e.maxEpochNanos(), writtenEpochNanos.applyAsLong(e)) > maxAgeNanos;
            boolean tooBig = maxTotalSize > 0 && total > maxTotalSize;
            if (!tooOld && !tooBig) {
                break;
            }
            out.add(e);
            total -= e.size();
        }
        return out;
    }
}
