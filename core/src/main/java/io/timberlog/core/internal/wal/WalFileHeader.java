package io.timberlog.core.internal.wal;

import io.timberlog.core.Damage;
import io.timberlog.core.RunInfo;
import io.timberlog.core.internal.io.Bytes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import static io.timberlog.core.internal.wal.WalFormat.*;

/** The fixed header at the start of a WAL file (layout in {@link WalFormat}). Immutable. */
public final class WalFileHeader {
    /** What the first bytes of a file turned out to be. */
    public enum Status {
        /** A valid header of a version this code reads. */
        VALID,
        /**
         * All zero, or shorter than a header: a preallocated file not yet in use. {@link WalReader#headerStatus}
         * also looks past the header, and {@link WalReader#isBlank} through the whole file.
         */
        EMPTY,
        /** Not a WAL file, or a damaged header. */
        INVALID,
        /** A WAL file of a newer format version. */
        NEWER_VERSION
    }

    private final long walId;
    private final long baseSequence;
    private final long fileSize;
    private final long createdEpochNanos;
    private final RunInfo run;

    public WalFileHeader(long walId, long baseSequence, long fileSize, long createdEpochNanos, RunInfo run) {
        this.walId = walId;
        this.baseSequence = baseSequence;
        this.fileSize = fileSize;
        this.createdEpochNanos = createdEpochNanos;
        this.run = run;
    }

    public long walId() {
        return walId;
    }

    public long baseSequence() {
        return baseSequence;
    }

    public long fileSize() {
        return fileSize;
    }

    public long createdEpochNanos() {
        return createdEpochNanos;
    }

    public RunInfo run() {
        return run;
    }

    /**
     * The lost end of {@code file}, whose size is {@code actualSize} and whose header this is, when the
     * file is shorter than its header says; else {@code null}. Ask only of a file read to its end without
     * a seal: a writer creates each file at the size its header records, and the only file ever made
     * shorter is one whose seal says it is complete (cut after its seal when it holds no events). A file
     * shorter without its seal was cut, and what it held past its end is lost.
     */
    public Damage truncation(Path file, long actualSize) {
        if (actualSize >= fileSize) {
            return null;
        }
        return new Damage(file, actualSize, fileSize, Damage.Kind.CORRUPT, "the file was created with " + fileSize
                + " bytes and has " + actualSize + ": its end was cut off, and the events written there are lost");
    }

    /** Writes the header into {@code b[0..HEADER_SIZE)}. */
    public void encode(byte[] b) {
        java.util.Arrays.fill(b, 0, HEADER_SIZE, (byte) 0);
        Bytes.putLong(b, HEADER_MAGIC_OFFSET, MAGIC);
        Bytes.putShort(b, HEADER_VERSION_OFFSET, VERSION);
        Bytes.putShort(b, HEADER_SIZE_OFFSET, HEADER_SIZE);
        Bytes.putInt(b, HEADER_FLAGS_OFFSET, 0);
        Bytes.putLong(b, HEADER_WAL_ID_OFFSET, walId);
        Bytes.putLong(b, HEADER_BASE_SEQ_OFFSET, baseSequence);
        Bytes.putLong(b, HEADER_FILE_SIZE_OFFSET, fileSize);
        Bytes.putLong(b, HEADER_CREATED_OFFSET, createdEpochNanos);
        Bytes.putLong(b, HEADER_RUN_START_OFFSET, run.startEpochNanos());
        Bytes.putLong(b, HEADER_RUN_PID_OFFSET, run.pid());
        Bytes.putLong(b, HEADER_RUN_NONCE_OFFSET, run.nonce());
        byte[] host = truncatedHost(run.host());
        b[HEADER_HOST_LENGTH_OFFSET] = (byte) host.length;
        System.arraycopy(host, 0, b, HEADER_HOST_OFFSET, host.length);
        Bytes.putInt(b, HEADER_CRC_OFFSET, crc(b));
    }

    /** The host name cut to the header's room at a character boundary. */
    static byte[] truncatedHost(String host) {
        byte[] bytes = host.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= HEADER_HOST_MAX) {
            return bytes;
        }
        int n = HEADER_HOST_MAX;
        while (n > 0 && (bytes[n] & 0xC0) == 0x80) {
            n--;
        }
        return java.util.Arrays.copyOf(bytes, n);
    }

    private static int crc(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, HEADER_CRC_OFFSET);
        return (int) crc.getValue();
    }

    /** Classifies the first {@code length} bytes of a file. */
    public static Status check(byte[] b, int length) {
        if (length < HEADER_SIZE) {
            return isZero(b, length) ? Status.EMPTY : Status.INVALID;
        }
        if (isZero(b, HEADER_SIZE)) {
            return Status.EMPTY;
        }
        if (Bytes.getLong(b, HEADER_MAGIC_OFFSET) != MAGIC || Bytes.getInt(b, HEADER_CRC_OFFSET) != crc(b)) {
            return Status.INVALID;
        }
        int version = (b[HEADER_VERSION_OFFSET] & 0xFF) | (b[HEADER_VERSION_OFFSET + 1] & 0xFF) << 8;
        if (version > VERSION) {
            return Status.NEWER_VERSION;
        }
        int hostLength = b[HEADER_HOST_LENGTH_OFFSET] & 0xFF;
        return version < 1 || hostLength > HEADER_HOST_MAX ? Status.INVALID : Status.VALID;
    }

    /** Decodes a header that {@link #check} found VALID. */
    public static WalFileHeader decode(byte[] b) {
        int hostLength = b[HEADER_HOST_LENGTH_OFFSET] & 0xFF;
        String host = new String(b, HEADER_HOST_OFFSET, hostLength, StandardCharsets.UTF_8);
        RunInfo run = new RunInfo(Bytes.getLong(b, HEADER_RUN_START_OFFSET), Bytes.getLong(b, HEADER_RUN_PID_OFFSET),
                host, Bytes.getLong(b, HEADER_RUN_NONCE_OFFSET));
        return new WalFileHeader(Bytes.getLong(b, HEADER_WAL_ID_OFFSET), Bytes.getLong(b, HEADER_BASE_SEQ_OFFSET),
                Bytes.getLong(b, HEADER_FILE_SIZE_OFFSET), Bytes.getLong(b, HEADER_CREATED_OFFSET), run);
    }

    private static boolean isZero(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
