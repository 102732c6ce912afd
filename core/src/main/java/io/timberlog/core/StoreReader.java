package io.timberlog.core;

import io.timberlog.core.internal.manifest.ManifestEntry;
import io.timberlog.core.internal.manifest.ManifestFile;
import io.timberlog.core.internal.manifest.StoreSources;
import io.timberlog.core.internal.segment.BlockInfo;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.segment.SegmentReader;
import io.timberlog.core.internal.wal.WalEventReader;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a store, also while another process writes it and right after a writer crashed, with no
 * repair step: intact events are returned, damaged ranges are reported beside them. Reading never
 * modifies the store and never maps its files.
 *
 * <p>Events are in segments (listed in {@code manifest.json}) and in WAL files not yet converted.
 * A WAL file and the segment made from it can exist side by side while a conversion runs, or after a
 * crash in the middle of one. The rule that keeps every event read exactly once: <b>a WAL file whose
 * id the manifest lists for a segment is never read</b>; the segment is. The converter deletes a WAL
 * file only after the manifest that lists its segment is on disk, so a WAL file that disappears
 * while a reader lists the directory was converted: the reader then takes the new manifest and reads
 * the segment in its place. A missing manifest (a crash before the first one was written) or a
 * damaged one (reported) is rebuilt in memory from the segments' footers.
 *
 * <p>Thread-safe: it holds no state between calls.
 */
public final class StoreReader {
    private final Path directory;

    private StoreReader(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens a store directory for reading.
     *
     * @throws NotAStoreException when the path does not exist, is not a directory, or holds no store
     * @throws UnsupportedFormatException when the store was written by a newer TimberLog
     */
    public static StoreReader open(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            throw new NotAStoreException(directory + ": no such directory");
        }
        if (!Files.isDirectory(directory)) {
            throw new NotAStoreException(directory + ": not a directory");
        }
        if (!Files.isReadable(directory) || !Files.isExecutable(directory)) { // else it would look empty: no store
            throw new NotAStoreException(directory + ": permission denied");
        }
        if (!StoreSources.isStore(directory)) {
            throw new NotAStoreException(directory + ": not a TimberLog store (no " + WalFiles.META + ", "
                    + ManifestFile.FILE_NAME + ", " + WalFiles.DIRECTORY + "/ or " + SegmentFiles.DIRECTORY + "/)");
        }
        if (WalMeta.isNewerVersion(directory)) {
            throw new UnsupportedFormatException(directory + " was written by a newer version of TimberLog");
        }
        return new StoreReader(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Every event of the store in the order it was appended: segments, then WAL files not yet converted. */
    public ReadSummary readAll(Consumer<LogEvent> events) throws IOException {
        StoreSources sources = StoreSources.of(directory);
        Read read = new Read(sources, events);
        Damage manifestDamage = sources.manifestDamage();
        if (manifestDamage != null) {
            read.damages.add(manifestDamage);
        }
        for (ManifestEntry entry : sources.segments()) {
            read.segment(entry);
        }
        for (Path file : sources.walFiles()) {
            try {
                read.wal(file);
            } catch (NoSuchFileException e) {
                // Converted since the snapshot: its segment is in the manifest written before the file went.
                for (ManifestEntry entry : sources.segmentsReplacing(file)) {
                    read.segment(entry);
                }
            }
        }
        return new ReadSummary(read.count, read.files, read.damages);
    }

    /** The state of one {@link #readAll}. */
    private final class Read {
        final StoreSources sources;
        final Consumer<LogEvent> events;
        final List<Damage> damages = new ArrayList<>();
        final Set<String> segmentsRead = new HashSet<>();
        long count;
        int files;
        private Path previousFile;
        private WalEventReader.Result previous;

        Read(StoreSources sources, Consumer<LogEvent> events) {
            this.sources = sources;
            this.events = events;
        }

        void wal(Path file) throws IOException {
            WalEventReader.Result r = WalEventReader.read(file, new WalEventReader.Sink() {
                @Override
                public void event(LogEvent event, long filePosition) {
                    events.accept(event);
                }

                @Override
                public void damage(Damage damage) {
                    damages.add(damage);
                }
            });
            count += r.events;
            files++;
            checkContinuity(file, r);
            previousFile = file;
            previous = r;
        }

        /**
         * A file that is not sealed although its run went on writing the next file lost its end (zeroed
         * or cut by a power loss or a disk error): its bytes alone look like a clean end, the run does not.
         */
        private void checkContinuity(Path file, WalEventReader.Result current) throws IOException {
            if (previous == null || previous.sealed || previous.header == null || current.header == null
                    || !previous.header.run().equals(current.header.run())) {
                return;
            }
            if (WalEventReader.isSealedFrom(previousFile, previous.lastRecordEnd)) {
                return; // it was the live file when read, and has been sealed since
            }
            long size = Files.size(previousFile);
            damages.add(new Damage(previousFile, previous.lastRecordEnd, Math.max(previous.lastRecordEnd, size),
                    Damage.Kind.CORRUPT, "the end of this file is missing: it has no seal, yet its run went on in "
                    + file.getFileName()));
        }

        void segment(ManifestEntry entry) throws IOException {
            if (!segmentsRead.add(entry.file())) {
                return;
            }
            try (SegmentReader reader = sources.open(entry, damages::add)) {
                if (reader == null) {
                    return;
                }
                files++;
                damages.addAll(sources.conversionDamages(reader, entry));
                for (BlockInfo block : reader.blocks()) {
                    try {
                        List<LogEvent> blockEvents = reader.readBlock(block).events();
                        blockEvents.forEach(events);
                        count += blockEvents.size();
                    } catch (SegmentDamageException e) {
                        damages.add(e.toDamage());
                    }
                }
            }
        }
    }

    /** What a read went through: events, files and damaged ranges. Immutable. */
    public static final class ReadSummary {
        private final long events;
        private final int files;
        private final List<Damage> damages;

        ReadSummary(long events, int files, List<Damage> damages) {
            this.events = events;
            this.files = files;
            this.damages = Collections.unmodifiableList(new ArrayList<>(damages));
        }

        public long events() {
            return events;
        }

        public int files() {
            return files;
        }

        public List<Damage> damages() {
            return damages;
        }

        /** Damage other than room a writer reserved and never filled (expected after a crash). */
        public List<Damage> corruption() {
            List<Damage> corrupt = new ArrayList<>();
            for (Damage d : damages) {
                if (d.kind() == Damage.Kind.CORRUPT) {
                    corrupt.add(d);
                }
            }
            return corrupt;
        }
    }
}
