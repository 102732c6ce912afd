package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import io.timberlog.core.RunInfo;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.wal.EventDecoder;
import io.timberlog.core.internal.wal.SealReason;
import io.timberlog.core.internal.wal.WalFileHeader;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalFormat;
import io.timberlog.core.internal.wal.WalReader;
import io.timberlog.core.query.StoreRef;

import java.io.IOException;
import java.nio.file.Files;
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
    private final StoreSnapshot store;
    private final Path file;
    private final long walId;
    private final long size;
    private final WalFileHeader header;
    /** What is wrong with a file whose header names another WAL id than its name does, else null. */
    private final Damage misnamed;
    /** A misnamed file that is a copy of another file of the store, which holds its events: it gives none. */
    private final boolean copy;
    /** The lost end of a file shorter than its header says it was created, else null: damage only when it has no seal. */
    private final Damage truncated;
    /** A damaged header, whose run is then unknown (its events are still read), else null. */
    private final Damage badHeader;

    private WalPart(StoreSnapshot store, Path file, long size, WalFileHeader header) throws IOException {
        this.store = store;
        this.file = file;
        this.walId = WalFiles.idOf(file);
        this.size = size;
        this.header = header;
        this.truncated = header == null ? null : header.truncation(file, size);
        this.badHeader = header != null ? null : new Damage(file, 0, Math.min(WalFormat.HEADER_SIZE, size),
                Damage.Kind.CORRUPT, "not a valid WAL file header: the run of its events is unknown");
        if (header == null || header.walId() == walId) {
            this.misnamed = null;
            this.copy = false;
        } else {
            // Copied or renamed by hand: read as it is, its events would be read twice (or out of order).
            Path named = WalFiles.path(store.store(), header.walId());
            this.copy = isWalFile(named, header.walId());
            this.misnamed = new Damage(file, 0, copy ? size : WalFormat.HEADER_SIZE, Damage.Kind.CORRUPT,
                    "the header names WAL file " + header.walId() + (copy ? ", and " + named.getFileName()
                    + " is that file: a copy, left out" : ": a file renamed by hand"));
        }
    }

    /** True when {@code file} exists and its valid header names {@code walId}. */
    private static boolean isWalFile(Path file, long walId) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (WalReader reader = WalReader.open(file)) {
            return reader.headerStatus() == WalFileHeader.Status.VALID && reader.header().walId() == walId;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Reads the header of a WAL file of {@code store}; {@code null} for a file that holds nothing yet
     * (preallocated). A damaged header still gives a part, whose run is unknown.
     *
     * @throws NoSuchFileException when the file is gone (converted since it was listed)
     * @throws UnsupportedFormatException when a newer TimberLog wrote the file
     */
    static WalPart open(StoreSnapshot store, Path file) throws IOException {
        try (WalReader reader = WalReader.open(file)) {
            switch (reader.headerStatus()) {
                case EMPTY:
                    return null;
                case NEWER_VERSION:
                    throw new UnsupportedFormatException(file + " was written by a newer version of TimberLog");
                case VALID:
                    return new WalPart(store, file, reader.fileSize(), reader.header());
                default:
                    return new WalPart(store, file, reader.fileSize(), null);
            }
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

    @Override
    public long firstWalId() {
        return walId;
    }

    /** The run that wrote the file, or {@code null} when its header is damaged. */
    public RunInfo run() {
        return header == null ? null : header.run();
    }

    @Override
    public PartSummary summary() {
        return PartSummary.ofRuns(header == null ? List.of() : List.of(header.run().id()));
    }

    @Override
    public List<RunInfo> runs() {
        return header == null ? List.of() : List.of(header.run());
    }

    /** The segments made from this file, which the converter deleted after listing them in the manifest. */
    @Override
    public List<StorePart> convertedInto() throws IOException {
        return store.convertedFrom(file);
    }

    @Override
    public WalCursor forward(ReadContext context, StoreRef storeRef) throws IOException {
        // a WAL file is read on the caller's thread, which renders its events itself
        return new Forward(context);
    }

    @Override
    public WalCursor backward(ReadContext context, StoreRef storeRef) throws IOException {
        return new Backward(context);
    }

    /** Reports what is wrong with the file as a whole to a query; true when it is a copy, whose events are not to be read. */
    private boolean reportFileDamage(ReadContext context) {
        fileDamage().forEach(context::damage);
        return copy;
    }

    /** A damaged header, a misnamed file: what is wrong with the file as a whole, before it is read. */
    private List<Damage> fileDamage() {
        List<Damage> damages = new ArrayList<>(2);
        for (Damage d : new Damage[] {badHeader, misnamed}) {
            if (d != null) {
                damages.add(d);
            }
        }
        return damages;
    }

    private WalRecordVisitor visitor(EventFilter filter) {
        return new WalRecordVisitor(file, new EventDecoder(header == null ? null : header.run()), filter);
    }

    /** Counts the events and reads the seal without decoding anything else. */
    @Override
    public PartFacts facts(Consumer<Damage> damages) throws IOException {
        fileDamage().forEach(damages);
        if (copy) {
            return new PartFacts(0, false, 0);
        }
        try (WalReader reader = WalReader.open(file)) {
            WalRecordVisitor visitor = visitor(EventFilter.all()).damagesTo(damages);
            WalReader.ScanEnd end = reader.scan(WalFormat.HEADER_SIZE, visitor);
            return facts(end, visitor, visitor.takeLevelAndTimeMatches());
        }
    }

    @Override
    public PartFacts verify(Consumer<Damage> problems) throws IOException {
        fileDamage().forEach(problems);
        if (copy) {
            return new PartFacts(0, false, 0);
        }
        try (WalReader reader = WalReader.open(file)) {
            EventDecoder decoder = new EventDecoder(run());
            List<LogEvent> events = new ArrayList<>();
            WalRecordVisitor visitor = new WalRecordVisitor(file, decoder, EventFilter.all())
                    .damagesTo(problems).eventsTo(events);
            long intact = 0;
            long position = WalFormat.HEADER_SIZE;
            WalReader.ScanEnd end;
            while (true) {
                long stopAt = position + WalCursor.STEP;
                end = reader.scan(position, stopAt, visitor);
                intact += events.size(); // every event decoded, in steps so that none are kept
                events.clear();
                if (end.sealed || end.lastRecordEnd < stopAt) {
                    break;
                }
                position = end.lastRecordEnd;
            }
            if (!end.sealed && truncated != null) {
                problems.accept(truncated);
            }
            if (decoder.unresolvedReferences() > 0) {
                problems.accept(new Damage(file, WalFormat.HEADER_SIZE, end.lastRecordEnd, Damage.Kind.CORRUPT,
                        decoder.unresolvedReferences() + " references to dictionary strings the file does not define"));
            }
            return facts(end, visitor, intact);
        }
    }

    private static PartFacts facts(WalReader.ScanEnd end, WalRecordVisitor visitor, long events) {
        long endNanos = end.sealed ? visitor.sealEpochNanos() : (events > 0 ? visitor.maxEpochNanos() : 0);
        return new PartFacts(events, end.sealed && visitor.sealReason() == SealReason.CLOSE, endNanos);
    }

    /** A cursor over one WAL file, which knows where the file's records ended when it was read. */
    public abstract static class WalCursor implements PartCursor {
        /** Bytes scanned per step: bounds the events held at once to what one step holds. */
        static final long STEP = 1 << 20;

        final WalPart part;
        final ReadContext context;
        final WalReader reader;
        final WalRecordVisitor visitor;
        final ArrayList<LogEvent> ready = new ArrayList<>();
        /** Unpublished ranges met, reported once the cursor knows how the file ended ({@link #reportEnd}). */
        final List<Damage> unpublished = new ArrayList<>();
        long accounted;
        /** Just past the last record read: where a follower continues. */
        long end = WalFormat.HEADER_SIZE;
        boolean sealed;

        WalCursor(ReadContext context, WalPart part) throws IOException {
            this.part = part;
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

        /** Where the visitor's damaged ranges go: unpublished room is held until the file's end is known. */
        void damage(Damage d) {
            if (d.kind() == Damage.Kind.UNPUBLISHED) {
                unpublished.add(d);
            } else {
                context.damage(d);
            }
        }

        /**
         * Reports, once the end of the file was read, a lost end (a file cut short without its seal) and
         * the unpublished room met. Room a writer reserved and never filled is expected in a live file,
         * or in the files of a run that crashed; a run that ended cleanly had a writer that waited
         * (within its close timeout) for every append under way before it closed the store, so such room
         * in its files held events, now lost. Which it is, is asked only of a sealed file with such room.
         */
        void reportEnd() throws IOException {
            if (!sealed && part.truncated != null) {
                context.damage(part.truncated);
            }
            if (unpublished.isEmpty()) {
                return;
            }
            boolean lost = sealed && (visitor.sealReason() == SealReason.CLOSE
                    || part.header != null && part.store.endedCleanly(part.header.run()));
            for (Damage d : unpublished) {
                context.damage(lost ? new Damage(d.file(), d.start(), d.end(), Damage.Kind.CORRUPT,
                        "zeros where records were, in a file of a run that ended cleanly: the events written there "
                        + "are lost") : d);
            }
            unpublished.clear();
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
            visitor.damagesTo(this::damage).eventsTo(ready);
            done = reportFileDamage(context);
        }

        @Override
        public PartHit next() throws IOException {
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
                if (done) {
                    reportEnd();
                }
            }
            return PartHit.of(ready.get(next++));
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
        /** Room that was empty in the first pass: a record published there since is left to a follower. */
        private final List<Damage> holes = new ArrayList<>();
        private int step;
        private int next = -1;

        Backward(ReadContext context) throws IOException {
            super(context, WalPart.this);
            visitor.damagesTo(d -> {
                damage(d);
                if (d.kind() == Damage.Kind.UNPUBLISHED) {
                    holes.add(d);
                }
            }).eventsTo(null);
            long position = WalFormat.HEADER_SIZE;
            boolean copy = reportFileDamage(context);
            while (!copy) {
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
            reportEnd();
            visitor.damagesTo(null).eventsTo(ready).ignoring(this::inHole);
            step = steps.size() - 1;
        }

        private boolean inHole(long position) {
            for (Damage h : holes) {
                if (position >= h.start() && position < h.end()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public PartHit next() throws IOException {
            while (next < 0) {
                if (step < 0) {
                    return null;
                }
                long[] range = steps.get(step--);
                ready.clear();
                reader.scan(range[0], range[1], visitor);
                next = ready.size() - 1;
            }
            return PartHit.of(ready.get(next--));
        }
    }
}
