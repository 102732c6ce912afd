package io.timberlog.core.internal.wal;

import io.timberlog.core.internal.io.Bytes;

/** Encodes the record that ends a WAL file ({@link WalFormat#RECORD_SEAL}). */
public final class SealRecord {
    /** The record's length, framing included. */
    public static final int LENGTH = WalFormat.RECORD_BODY_OFFSET + WalFormat.SEAL_BODY_LENGTH;

    private SealRecord() {
    }

    /** The whole record, length and CRC filled in. */
    public static byte[] encode(long eventCount, long epochNanos, SealReason reason) {
        byte[] record = new byte[LENGTH];
        record[WalFormat.RECORD_TYPE_OFFSET] = WalFormat.RECORD_SEAL;
        int p = WalFormat.RECORD_BODY_OFFSET;
        Bytes.putLong(record, p + WalFormat.SEAL_EVENT_COUNT_OFFSET, eventCount);
        Bytes.putLong(record, p + WalFormat.SEAL_TIME_OFFSET, epochNanos);
        record[p + WalFormat.SEAL_REASON_OFFSET] = (byte) reason.ordinal();
        ActiveWal.finish(record, record.length);
        return record;
    }
}
