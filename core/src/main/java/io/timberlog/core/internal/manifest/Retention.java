package io.timberlog.core.internal.manifest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which segments retention deletes: those whose newest event is older than the maximum age, then,
 * oldest first, as many as it takes for the store (segments and WAL files) to fit the maximum total
 * size. WAL files are never deleted by retention: they hold the newest events.
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

    /** The segments of {@code manifest} to delete, oldest first. */
    List<ManifestEntry> expired(Manifest manifest, long walBytes, long nowEpochNanos) {
        List<ManifestEntry> out = new ArrayList<>();
        long total = manifest.totalSize() + walBytes;
        for (ManifestEntry e : manifest.segments()) {
            boolean tooOld = maxAgeNanos > 0 && nowEpochNanos - e.maxEpochNanos() > maxAgeNanos;
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
