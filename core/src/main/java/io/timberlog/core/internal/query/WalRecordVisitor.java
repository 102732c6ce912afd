package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.MalformedDataException;
import io.timberlog.core.internal.wal.EventDecoder;
import io.timberlog.core.internal.wal.EventHead;
import io.timberlog.core.internal.wal.EventLayout;
import io.timberlog.core.internal.wal.SealReason;
import io.timberlog.core.internal.wal.WalFormat;
import io.timberlog.core.internal.wal.WalReader;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Turns the records {@link WalReader} finds in one WAL file into matching events. An event record is
 * judged in steps that cost more each: its level and timestamp, read straight from the record's fixed
 * fields; then, when the filter looks at them, its names, arguments and message, decoded without the
 * rest of the record; and only then the whole event. Dictionary records feed the decoder so that
 * later events resolve their strings. Reads the seal record's reason and time. Not thread-safe: one per file being read.
 */
final class WalRecordVisitor implements WalReader.Visitor {
    private final Path file;
    private final EventDecoder decoder;
    private final EventFilter filter;
    private final boolean headChecks;
    private final boolean needsMessage;
    private final EventHead head = new EventHead();
    private final EventFilter.MessageMatcher messages;
    private Consumer<Damage> damages;
    private LongPredicate ignored;
    private List<LogEvent> out;
    private int levelAndTimeMatches;
    private long maxEpochNanos = Long.MIN_VALUE;
    private SealReason sealReason;
    private long sealEpochNanos;

    WalRecordVisitor(Path file, EventDecoder decoder, EventFilter filter) {
        this.file = file;
        this.decoder = decoder;
        this.filter = filter;
        this.headChecks = filter.hasHeadChecks();
        this.needsMessage = filter.needsMessage();
        this.messages = filter.messageMatcher();
    }

    /** Where damage goes from now on; {@code null} to ignore it (a range read a second time). */
    WalRecordVisitor damagesTo(Consumer<Damage> sink) {
        this.damages = sink;
        return this;
    }

    /** Where matching events go from now on; {@code null} to only count the records whose level and time match. */
    WalRecordVisitor eventsTo(List<LogEvent> list) {
        this.out = list;
        return this;
    }

    /**
     * Records at the file positions {@code positions} accepts are passed over from now on (read already,
     * or to be read by someone else); {@code null} for none.
     */
    WalRecordVisitor ignoring(LongPredicate positions) {
        this.ignored = positions;
        return this;
    }

    /** Event records whose level and time matched since the last call. */
    int takeLevelAndTimeMatches() {
        int n = levelAndTimeMatches;
        levelAndTimeMatches = 0;
        return n;
    }

    /** The newest time of the event records seen; {@code Long.MIN_VALUE} before any. */
    long maxEpochNanos() {
        return maxEpochNanos;
    }

    SealReason sealReason() {
        return sealReason;
    }

    long sealEpochNanos() {
        return sealEpochNanos;
    }

    @Override
    public void record(int type, long filePosition, byte[] buf, int offset, int length) {
        if (ignored != null && ignored.test(filePosition)) {
            return;
        }
        try {
            if (type == WalFormat.RECORD_EVENT) {
                if (length >= EventLayout.FIELDS_OFFSET) {
                    long time = Bytes.getLong(buf, offset + EventLayout.TIMESTAMP_OFFSET);
                    maxEpochNanos = Math.max(maxEpochNanos, time);
                    if (!filter.acceptsLevelAndTime(buf[offset + EventLayout.LEVEL_OFFSET] & 0xFF, time)) {
                        return;
                    }
                }
                levelAndTimeMatches++;
                if (out != null) {
                    if (headChecks) {
                        decoder.decodeHead(buf, offset, length, filePosition, head, needsMessage);
                        if (!filter.acceptsHead(head, messages)) {
                            return;
                        }
                    }
                    LogEvent e = decoder.decodeEvent(buf, offset, length, filePosition);
                    if (filter.acceptsDetails(e)) {
                        out.add(e);
                    }
                }
            } else if (type == WalFormat.RECORD_DICTIONARY) {
                decoder.defineString(buf, offset, length, filePosition);
            } else if (type == WalFormat.RECORD_SEAL
                    && length >= WalFormat.RECORD_BODY_OFFSET + WalFormat.SEAL_BODY_LENGTH) {
                int body = offset + WalFormat.RECORD_BODY_OFFSET;
                sealEpochNanos = Bytes.getLong(buf, body + WalFormat.SEAL_TIME_OFFSET);
                sealReason = SealReason.ofCode(buf[body + WalFormat.SEAL_REASON_OFFSET]);
            }
        } catch (MalformedDataException e) {
            // The CRC matched, so the writer wrote these bytes: a bug or a foreign writer.
            damage(filePosition, filePosition + Bytes.align8(length), Damage.Kind.CORRUPT, e.getMessage());
        }
    }

    @Override
    public void damage(long start, long end, Damage.Kind kind, String detail) {
        if (damages != null) {
            damages.accept(new Damage(file, start, end, kind, detail));
        }
    }
}
