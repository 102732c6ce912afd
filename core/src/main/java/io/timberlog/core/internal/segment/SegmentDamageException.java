package io.timberlog.core.internal.segment;

import io.timberlog.core.Damage;

import java.nio.file.Path;

/**
 * Bytes of a segment file that do not follow the format: a checksum that does not match, a length
 * past the end of the file, a field that does not decode. Carries the damaged byte range so the
 * caller reports it as a {@link Damage} and goes on with the rest of the segment. The segment
 * reader throws nothing else for bad bytes.
 */
public final class SegmentDamageException extends Exception {
    private final Path file;
    private final long start;
    private final long end;
    private final String detail;

    public SegmentDamageException(Path file, long start, long end, String detail) {
        super(file + ": bytes " + start + ".." + end + ": " + detail, null, false, false);
        this.file = file;
        this.start = start;
        this.end = end;
        this.detail = detail;
    }

    public Path file() {
        return file;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    /** The problem without the file and range. */
    public String detail() {
        return detail;
    }

    public Damage toDamage() {
        return new Damage(file, start, end, Damage.Kind.CORRUPT, detail());
    }
}
