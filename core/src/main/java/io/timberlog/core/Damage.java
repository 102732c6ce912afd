package io.timberlog.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A byte range of a store file that could not be read as records. Everything around it is still
 * read; a damage report says where, how many bytes, and why. Immutable.
 */
public final class Damage {
    /** What a range turned out to be. */
    public enum Kind {
        /**
         * Bytes that do not form valid records: bit flips, a torn or garbled write, a foreign file,
         * a truncated file. {@code timberlog verify} fails on these.
         */
        CORRUPT,
        /**
         * Room reserved for a record that was never published: the writer was still writing it (live
         * store) or died while writing it (crashed store). Expected after a crash; nothing that was
         * acknowledged is in such a range.
         */
        UNPUBLISHED
    }

    private final Path file;
    private final long start;
    private final long end;
    private final Kind kind;
    private final String detail;

    public Damage(Path file, long start, long end, Kind kind, String detail) {
        this.file = Objects.requireNonNull(file, "file");
        this.start = start;
        this.end = end;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public Path file() {
        return file;
    }

    /** First damaged byte. */
    public long start() {
        return start;
    }

    /** One past the last damaged byte. */
    public long end() {
        return end;
    }

    public long length() {
        return end - start;
    }

    public Kind kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return file + ": bytes " + start + ".." + end + " (" + length() + " bytes) " + kind.name().toLowerCase(java.util.Locale.ROOT)
                + ": " + detail;
    }
}
