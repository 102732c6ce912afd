package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import io.timberlog.core.RunInfo;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.wal.EventDecoder;
import io.timberlog.core.internal.wal.EventLayout;
import io.timberlog.core.internal.wal.SealReason;
import io.timberlog.core.internal.wal.WalFileHeader;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalFormat;
import io.timberlog.core.internal.wal.WalReader;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A WAL file as a part of a store: sealed, live (a writer is appending to it) or left by a crashed
 * writer; all three are read alike, with plain reads, never mapped. Only its run is known without
 * reading it. Immutable; its cursors are not thread-safe.
 */
public final class WalPart extends StorePart {
    private final Path file;
    private final long walId;
    private final long size;
    private final WalFileHeader header;

    private WalPart(Path file, long size, WalFileHeader header) {
        this.file = file;
        this.walId = WalFiles.idOf(file);
        this.size = size;
        this.header = header;
    }

    /**
     * Reads the header of a WAL file; {@code null} for a file that holds nothing yet (preallocated, or
     * gone since it was listed). A damaged header still gives a part, whose run is unknown.
     *
     * @throws UnsupportedFormatException when a newer TimberLog wrote the file
     */
    public static WalPart open(Path file) throws IOException {
        try (WalReader reader = WalReader.open(file)) {
            switch (reader.headerStatus()) {
                case EMPTY:
                    return null;
                case NEWER_VERSION:
                    throw new UnsupportedFormatException(file + " was written by a newer version of TimberLog");
                case VALID:
                    return new WalPart(file, reader.fileSize(), reader.header());
                default:
                    return new WalPart(file, reader.fileSize(), null);
            }
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public Kind kind() {
        return Kind.WAL;
    }

    @Override
    public Path file() {
        return file;
    }

    public long walId() {
        return walId;
    }

    @Override
    public long size() {
        return size;
    }

    /** The run that wrote the file, or {@code null} when its header is damaged. */
    public RunInfo run() {
        return header == null ? null : header.run();
    }

    @Override
    public PartSummary summary() {
        return PartSummary.ofRuns(header == null ? List.of() : List.of(header.run()));
    }

    @Override
    public WalCursor forward(ReadContext context) throws IOException {
        return new Forward(context);
    }

    @Override
    public WalCursor backward(ReadContext context) throws IOException {
        return new Backward(context);
    }

    private WalRecordVisitor visitor(EventFilter filter) {
        return new WalRecordVisitor(file, new EventDecoder(header == null ? null : header.run()), filter);
    }

    @Override
    public PartFacts facts() throws IOException {
        long[] stats = {0, Long.MAX_VALUE, Long.MIN_VALUE};
        try (WalReader reader = WalReader.open(file)) {
            SealVisitor visitor = new SealVisitor() {
                @Override
                public void record(int type, long filePosition, byte[] buf, int offset, int length) {
                    if (type == WalFormat.RECORD_EVENT && length >= EventLayout.FIELDS_OFFSET) {
                        long t = Bytes.getLong(buf, offset + EventLayout.TIMESTAMP_OFFSET);
                        stats[0]++;
                        stats[1] = Math.min(stats[1], t);
                        stats[2] = Math.max(stats[2], t);
                    }
                    super.record(type, filePosition, buf, offset, length);
                }
            };
            WalReader.ScanEnd end = reader.scan(WalFormat.HEADER_SIZE, visitor);
            return facts(end, visitor.reason, visitor.sealNanos, stats[0], stats[1], stats[2]);
        }
    }

    @Override
    public PartFacts verify(Consumer<Damage> problems) throws IOException {
        try (WalReader reader = WalReader.open(file)) {
            if (header == null) {
                problems.accept(new Damage(file, 0, Math.min(WalFormat.HEADER_SIZE, reader.fileSize()),
                        Damage.Kind.CORRUPT, "not a valid WAL file header"));
            }
            EventDecoder decoder = new EventDecoder(run());
            List<LogEvent> events = new ArrayList<>();
            WalRecordVisitor visitor = new WalRecordVisitor(file, decoder, EventFilter.all())
                    .damagesTo(problems).eventsTo(events);
            long count = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            long position = WalFormat.HEADER_SIZE;
            WalReader.ScanEnd end;
            do {
                long stopAt = position + WalCursor.STEP;
                end = reader.scan(position, stopAt, visitor);
                for (LogEvent e : events) {
                    min = Math.min(min, e.epochNanos());
                    max = Math.max(max, e.epochNanos());
                }
                count += events.size();
                events.clear();
                if (end.sealed || end.lastRecordEnd < stopAt) {
                    break;
                }
                position = end.lastRecordEnd;
            } while (true);
            if (decoder.unresolvedReferences() > 0) {
                problems.accept(new Damage(file, WalFormat.HEADER_SIZE, end.lastRecordEnd, Damage.Kind.CORRUPT,
                        decoder.unresolvedReferences() + " references to dictionary strings the file does not define"));
            }
            return facts(end, visitor.sealReason(), visitor.sealEpochNanos(), count, min, max);
        }
    }

    private static PartFacts facts(WalReader.ScanEnd end, SealReason reason, long sealNanos, long events, long min,
                                   long max) {
        long endNanos = end.sealed ? sealNanos : (events > 0 ? max : 0);
        return new PartFacts(events, min, max, end.sealed, end.sealed && reason == SealReason.CLOSE, endNanos);
    }

    /** Reads the seal record, ignoring everything else. */
    private static class SealVisitor implements WalReader.Visitor {
        SealReason reason;
        long sealNanos;

        @Override
        public void record(int type, long filePosition, byte[] buf, int offset, int length) {
            if (type == WalFormat.RECORD_SEAL && length >= WalFormat.RECORD_BODY_OFFSET + WalFormat.SEAL_BODY_LENGTH) {
                int body = offset + WalFormat.RECORD_BODY_OFFSET;
                sealNanos = Bytes.getLong(buf, body + 8);
                reason = SealReason.ofCode(buf[body + 16]);
            }
        }

        @Override
        public void damage(long start, long end, Damage.Kind kind, String detail) {
            // facts() only counts; verify() reports damage
        }
    }

    /** A cursor over one WAL file, which knows where the file's records ended when it was read. */
    public abstract static class WalCursor implements PartCursor {
        /** Bytes scanned per step: bounds the events held at once to what one step holds. */
        static final long STEP = 1 << 20;

        final ReadContext context;
        final WalReader reader;
        final WalRecordVisitor visitor;
        final ArrayList<LogEvent> ready = new ArrayList<>();
        long accounted;
        /** Just past the last record read: where a follower continues. */
        long end = WalFormat.HEADER_SIZE;
        boolean sealed;

        WalCursor(ReadContext context, WalPart part) throws IOException {
            this.context = context;
            this.reader = WalReader.open(part.file);
            this.visitor = part.visitor(context.filter());
        }

        /** Counts the bytes up to {@code position} as read. */
        void progress(long position) {
            if (position > accounted) {
                context.read(position - accounted);
                accounted = position;
            }
        }

        /** Just past the last record read, once the cursor has read to the end of the file. */
        public long endPosition() {
            return end;
        }

        /** True when the file's seal was read: nothing will be added to it. */
        public boolean sealed() {
            return sealed;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Reads the file front to back, one step at a time. */
    private final class Forward extends WalCursor {
        private int next;
        private boolean done;

        Forward(ReadContext context) throws IOException {
            super(context, WalPart.this);
            visitor.damagesTo(context::damage).eventsTo(ready);
        }

        @Override
        public LogEvent next() throws IOException {
            while (next == ready.size()) {
                if (done) {
                    return null;
                }
                ready.clear();
                next = 0;
                long stopAt = end + STEP;
                WalReader.ScanEnd scanEnd = reader.scan(end, stopAt, visitor);
                end = scanEnd.lastRecordEnd;
                sealed = scanEnd.sealed;
                done = sealed || end < stopAt;
                progress(done ? size : end);
            }
            return ready.get(next++);
        }
    }

    /**
     * Reads the file back to front: records can only be found front to back, so a first pass walks the
     * file, feeds the dictionary and notes the step boundaries and which steps hold records whose level
     * and time match; then the steps are read again last to first, each one's events returned in
     * reverse. Memory is bounded by one step, not by the file.
     */
    private final class Backward extends WalCursor {
        private final List<long[]> steps = new ArrayList<>();
        private int step;
        private int next = -1;

        Backward(ReadContext context) throws IOException {
            super(context, WalPart.this);
            visitor.damagesTo(context::damage).eventsTo(null);
            long position = WalFormat.HEADER_SIZE;
            while (true) {
                long stopAt = position + STEP;
                WalReader.ScanEnd scanEnd = reader.scan(position, stopAt, visitor);
                if (visitor.takeLevelAndTimeMatches() > 0) {
                    steps.add(new long[] {position, scanEnd.lastRecordEnd});
                }
                position = scanEnd.lastRecordEnd;
                sealed = scanEnd.sealed;
                if (sealed || position < stopAt) {
                    break;
                }
            }
            end = position;
            progress(size);
            visitor.damagesTo(null).eventsTo(ready);
            step = steps.size() - 1;
        }

        @Override
        public LogEvent next() throws IOException {
            while (next < 0) {
                if (step < 0) {
                    return null;
                }
                long[] range = steps.get(step--);
                ready.clear();
                reader.scan(range[0], range[1], visitor);
                next = ready.size() - 1;
            }
            return ready.get(next--);
        }
    }
}
