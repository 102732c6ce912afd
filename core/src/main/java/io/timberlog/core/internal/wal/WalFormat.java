package io.timberlog.core.internal.wal;

/**
 * Layout of a WAL file, {@code wal/wal_NNNNNN.wal}. FORMAT.md documents the same bytes; change both
 * together. All integers are little-endian.
 *
 * <pre>
 * File header, 128 bytes at offset 0, written when the file becomes the current one
 * (all zero while the file is only preallocated):
 *   0   8  magic            "TLWAL\r\n\032"
 *   8   2  version          1
 *  10   2  header size      128
 *  12   4  flags            0
 *  16   8  wal id           the NNNNNN of the file name
 *  24   8  base sequence    sequence number of the first event in this file
 *  32   8  file size        bytes allocated for the file when it was created
 *  40   8  created          epoch nanoseconds
 *  48   8  run start        epoch nanoseconds       \
 *  56   8  run pid                                   | the run (process) that writes this file
 *  64   8  run nonce        random                   |
 *  72   1  host length      0..51                    |
 *  73  51  host             UTF-8, zero padded      /
 * 124   4  CRC32C of bytes 0..124
 *
 * Records, from offset 128, each starting at a multiple of 8 (zero padding between them):
 *   0   4  length   bytes of header and body, without padding; 0 = not (yet) published.
 *                   Written last, with release semantics: a non-zero length publishes the record.
 *   4   4  CRC32C   of the 4 length bytes followed by the body (bytes 8..length)
 *   8   1  type     one of the RECORD_* constants
 *   9   .. body     by type
 * </pre>
 */
public final class WalFormat {
    private WalFormat() {
    }

    /** "TLWAL" then CR LF SUB: a file mangled by a text-mode transfer no longer matches. */
    public static final long MAGIC = 0x1A0A0D4C41574C54L;
    public static final int VERSION = 1;

    public static final int HEADER_SIZE = 128;
    public static final int HEADER_MAGIC_OFFSET = 0;
    public static final int HEADER_VERSION_OFFSET = HEADER_MAGIC_OFFSET + 8;
    public static final int HEADER_SIZE_OFFSET = HEADER_VERSION_OFFSET + 2;
    public static final int HEADER_FLAGS_OFFSET = HEADER_SIZE_OFFSET + 2;
    public static final int HEADER_WAL_ID_OFFSET = HEADER_FLAGS_OFFSET + 4;
    public static final int HEADER_BASE_SEQ_OFFSET = HEADER_WAL_ID_OFFSET + 8;
    public static final int HEADER_FILE_SIZE_OFFSET = HEADER_BASE_SEQ_OFFSET + 8;
    public static final int HEADER_CREATED_OFFSET = HEADER_FILE_SIZE_OFFSET + 8;
    public static final int HEADER_RUN_START_OFFSET = HEADER_CREATED_OFFSET + 8;
    public static final int HEADER_RUN_PID_OFFSET = HEADER_RUN_START_OFFSET + 8;
    public static final int HEADER_RUN_NONCE_OFFSET = HEADER_RUN_PID_OFFSET + 8;
    public static final int HEADER_HOST_LENGTH_OFFSET = HEADER_RUN_NONCE_OFFSET + 8;
    public static final int HEADER_HOST_OFFSET = HEADER_HOST_LENGTH_OFFSET + 1;
    public static final int HEADER_HOST_MAX = 51;
    public static final int HEADER_CRC_OFFSET = HEADER_HOST_OFFSET + HEADER_HOST_MAX;

    public static final int RECORD_LENGTH_OFFSET = 0;
    public static final int RECORD_CRC_OFFSET = RECORD_LENGTH_OFFSET + 4;
    public static final int RECORD_TYPE_OFFSET = RECORD_CRC_OFFSET + 4;
    public static final int RECORD_BODY_OFFSET = RECORD_TYPE_OFFSET + 1;
    /** The shortest record: header and type byte. */
    public static final int MIN_RECORD_LENGTH = RECORD_BODY_OFFSET;
    /** Records start at multiples of this, so a reader can resynchronize by stepping over aligned words. */
    public static final int ALIGNMENT = 8;
    /** No record is longer than this, whatever the writer's options; readers reject longer lengths. */
    public static final int MAX_RECORD_LENGTH = 16 << 20;

    /** A string of the file's dictionary: varint id (from 1), varint byte length, WTF-8 bytes. */
    public static final int RECORD_DICTIONARY = 1;
    /** An event; body layout in {@link EventLayout}. */
    public static final int RECORD_EVENT = 2;
    /**
     * The end of the file: u64 event count, i64 epoch nanos, u8 reason ({@link SealReason}). Nothing
     * after it belongs to the file; the next file has the next wal id. A run whose last file is sealed
     * for {@link SealReason#CLOSE} ended cleanly; any other end means the process died.
     */
    public static final int RECORD_SEAL = 3;

    /** Room kept free at the end of every file so the seal record always fits. */
    public static final int SEAL_RESERVE = 64;
    /** Offsets in a seal record's body (from {@link #RECORD_BODY_OFFSET}). */
    public static final int SEAL_EVENT_COUNT_OFFSET = 0;
    public static final int SEAL_TIME_OFFSET = SEAL_EVENT_COUNT_OFFSET + 8;
    public static final int SEAL_REASON_OFFSET = SEAL_TIME_OFFSET + 8;
    public static final int SEAL_BODY_LENGTH = SEAL_REASON_OFFSET + 1;
}
