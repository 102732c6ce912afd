package io.timberlog.core.internal.wal;

/** Why a WAL file was sealed; the code is stored in the seal record. */
public enum SealReason {
    /** The file reached its size. */
    FULL,
    /** The store was closed: the run ended cleanly. */
    CLOSE,
    /** Forcing the file to disk failed: its dirty pages may be lost, so writing moved to a new file. */
    FORCE_FAILED,
    /** The file disappeared from the directory (deleted under the running process). */
    FILE_MISSING,
    /**
     * The run died before the file held an event, and the conversion that found the file sealed it, so
     * that it could be cut to its header and go on showing the run. The seal's time is 0: when the run
     * ended is not known.
     */
    RECOVERED;

    private static final SealReason[] BY_CODE = values();

    public static SealReason ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
