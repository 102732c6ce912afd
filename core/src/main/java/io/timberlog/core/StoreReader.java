package io.timberlog.core;

import io.timberlog.core.internal.wal.WalEventReader;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a store, also while another process writes it and right after a writer crashed, with no
 * repair step: intact events are returned, damaged ranges are reported beside them. Reading never
 * modifies the store and never maps its files.
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
        if (!WalMeta.exists(directory) && !Files.isDirectory(WalFiles.directory(directory))) {
            throw new NotAStoreException(directory + ": not a TimberLog store (no " + WalFiles.META + " and no "
                    + WalFiles.DIRECTORY + "/ directory)");
        }
        if (WalMeta.isNewerVersion(directory)) {
            throw new UnsupportedFormatException(directory + " was written by a newer version of TimberLog");
        }
        return new StoreReader(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Every event of the store in the order it was appended, file by file. */
    public ReadSummary readAll(Consumer<LogEvent> events) throws IOException {
        List<Damage> damages = new ArrayList<>();
        long count = 0;
        List<Path> files = WalFiles.list(directory);
        Path previousFile = null;
        WalEventReader.Result previous = null;
        for (Path file : files) {
            WalEventReader.Result r;
            try {
                r = WalEventReader.read(file, new WalEventReader.Sink() {
                @Override
                public void event(LogEvent event, long filePosition) {
                    events.accept(event);
                }

                @Override
                public void damage(Damage damage) {
                    damages.add(damage);
                }
            });
            } catch (NoSuchFileException e) {
                continue; // removed since the listing (a preallocated file given up, or a converted one)
            }
            count += r.events;
            checkContinuity(previousFile, previous, file, r, damages);
            previousFile = file;
            previous = r;
        }
        return new ReadSummary(count, files.size(), damages);
    }

    /**
     * A file that is not sealed although its run went on writing the next file lost its end (zeroed or
     * cut by a power loss or a disk error): its bytes alone look like a clean end, the sequence does not.
     */
    private static void checkContinuity(Path previousFile, WalEventReader.Result previous, Path file,
                                        WalEventReader.Result current, List<Damage> damages) throws IOException {
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
