package io.timberlog.core.internal.wal;

import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import io.timberlog.core.RunInfo;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.MalformedDataException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the events of one WAL file: {@link WalReader} finds the intact records, {@link EventDecoder}
 * turns them into events, and every damaged range is reported along the way. A file with a damaged
 * header is still read (its events then have no run); a preallocated file not yet in use has no
 * events.
 *
 * <p>Not thread-safe.
 */
public final class WalEventReader {
    /** Receives a file's events and damage, in file order. */
    public interface Sink {
        void event(LogEvent event, long filePosition);

        void damage(Damage damage);
    }

    /** What reading a file found besides its events. */
    public static final class Result {
        public final WalFileHeader header;
        public final boolean sealed;
        public final SealReason sealReason;
        /** When the file was sealed; 0 when it was not. */
        public final long sealEpochNanos;
        public final long lastRecordEnd;
        public final long events;

        Result(WalFileHeader header, boolean sealed, SealReason sealReason, long sealEpochNanos, long lastRecordEnd,
               long events) {
            this.header = header;
            this.sealed = sealed;
            this.sealReason = sealReason;
            this.sealEpochNanos = sealEpochNanos;
            this.lastRecordEnd = lastRecordEnd;
            this.events = events;
        }
    }

    private WalEventReader() {
    }

    /** True when a seal record follows {@code from} in the file (a file read while live may be sealed since). */
    public static boolean isSealedFrom(Path file, long from) throws IOException {
        try (WalReader reader = WalReader.open(file)) {
            return reader.scan(from, new WalReader.Visitor() {
                @Override
                public void record(int type, long filePosition, byte[] buf, int offset, int length) {
                }

                @Override
                public void damage(long start, long end, Damage.Kind kind, String detail) {
                }
            }).sealed;
        } catch (java.nio.file.NoSuchFileException e) {
            return true; // converted and removed since: its end was not lost
        }
    }

    public static Result read(Path file, Sink sink) throws IOException {
        try (WalReader reader = WalReader.open(file)) {
            WalFileHeader header = null;
            switch (reader.headerStatus()) {
                case EMPTY:
                    return new Result(null, false, null, 0, WalFormat.HEADER_SIZE, 0);
                case NEWER_VERSION:
                    throw new UnsupportedFormatException(file + " was written by a newer version of TimberLog");
                case INVALID:
                    sink.damage(new Damage(file, 0, Math.min(WalFormat.HEADER_SIZE, reader.fileSize()),
                            Damage.Kind.CORRUPT, "not a valid WAL file header"));
                    break;
                default:
                    header = reader.header();
            }
            RunInfo run = header == null ? null : header.run();
            EventDecoder decoder = new EventDecoder(run);
            long[] events = {0};
            SealReason[] sealReason = {null};
            long[] sealNanos = {0};
            WalReader.ScanEnd end = reader.scan(WalFormat.HEADER_SIZE, new WalReader.Visitor() {
                @Override
                public void record(int type, long filePosition, byte[] buf, int offset, int length) {
                    try {
                        if (type == WalFormat.RECORD_DICTIONARY) {
                            decoder.defineString(buf, offset, length, filePosition);
                        } else if (type == WalFormat.RECORD_EVENT) {
                            sink.event(decoder.decodeEvent(buf, offset, length, filePosition), filePosition);
                            events[0]++;
                        } else if (type == WalFormat.RECORD_SEAL && length >= WalFormat.RECORD_BODY_OFFSET
                                + WalFormat.SEAL_BODY_LENGTH) {
                            int body = offset + WalFormat.RECORD_BODY_OFFSET;
                            sealNanos[0] = Bytes.getLong(buf, body + WalFormat.SEAL_TIME_OFFSET);
                            sealReason[0] = SealReason.ofCode(buf[body + WalFormat.SEAL_REASON_OFFSET]);
                        }
                    } catch (MalformedDataException e) {
                        // The CRC matched, so the writer wrote these bytes: a bug or a foreign writer.
                        sink.damage(new Damage(file, filePosition, filePosition + Bytes.align8(length),
                                Damage.Kind.CORRUPT, e.getMessage()));
                    }
                }

                @Override
                public void damage(long start, long end, Damage.Kind kind, String detail) {
                    sink.damage(new Damage(file, start, end, kind, detail));
                }
            });
            Damage cut = header == null || end.sealed ? null : header.truncation(file, reader.fileSize());
            if (cut != null) {
                sink.damage(cut); // after the file's own damages: in the order of the file
            }
            return new Result(header, end.sealed, sealReason[0], end.sealed ? sealNanos[0] : 0, end.lastRecordEnd,
                    events[0]);
        }
    }
}
