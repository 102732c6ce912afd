package io.timberlog.core.internal.wal;

import io.timberlog.core.Damage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a writer needs to know about the WAL files a previous run left, crashed or not: the next wal
 * id and the next sequence number. Once WAL files have been converted and deleted, only the manifest
 * knows the highest id and sequence used: the writer raises both with {@link #atLeast}. Nothing is
 * repaired or rewritten: readers take the files as they are. Preallocated files that never became
 * current (all zero, read whole to be sure) are deleted; a file whose header is damaged is read whole for its sequence numbers.
 *
 * <p>The last file is read from the offset {@code wal.meta} says was published (or from its start
 * when the hint does not fit), so recovery after a crash reads about one flush interval of events,
 * not the whole file.
 */
final class WalRecovery {
    final long nextWalId;
    final long nextSequence;
    /** Files whose header could not be read: left in place for the readers to report. */
    final int unreadableFiles;

    private WalRecovery(long nextWalId, long nextSequence, int unreadableFiles) {
        this.nextWalId = nextWalId;
        this.nextSequence = nextSequence;
        this.unreadableFiles = unreadableFiles;
    }

    /** This recovery, raised to at least {@code minWalId} and {@code minSequence} (what segments already used). */
    WalRecovery atLeast(long minWalId, long minSequence) {
        return new WalRecovery(Math.max(nextWalId, minWalId), Math.max(nextSequence, minSequence), unreadableFiles);
    }

    static WalRecovery recover(Path store, ProblemReporter problems) throws IOException {
        List<Path> files = WalFiles.list(store);
        WalMeta.State meta = WalMeta.read(store);
        long maxId = meta == null ? 0 : meta.walId;
        long nextSequence = meta == null ? 0 : meta.nextSequence;
        Path last = null;
        WalFileHeader lastHeader = null;
        int unreadable = 0;
        for (Path file : files) {
            maxId = Math.max(maxId, WalFiles.idOf(file));
            try (WalReader reader = WalReader.open(file)) {
                WalFileHeader.Status status = reader.headerStatus();
                if (status == WalFileHeader.Status.EMPTY && !reader.isBlank()) {
                    status = WalFileHeader.Status.INVALID; // a lost header, records further in
                }
                switch (status) {
                    case EMPTY:
                        Files.deleteIfExists(file);
                        break;
                    case VALID:
                        last = file;
                        lastHeader = reader.header();
                        break;
                    default:
                        unreadable++;
                        // Readers still return the intact events in it (a power loss can garble the header
                        // of a file that was never forced): their sequence numbers must not be reused either.
                        nextSequence = Math.max(nextSequence, lastSequenceAfter(file, WalFormat.HEADER_SIZE) + 1);
                        problems.report("unreadable-wal", "WAL file " + file + " has no valid header; it is left "
                                + "in place and neither its ids nor the sequence numbers of its events are reused", null);
                }
            }
        }
        if (lastHeader != null) {
            nextSequence = Math.max(nextSequence, lastHeader.baseSequence());
            long from = WalFormat.HEADER_SIZE;
            if (meta != null && meta.walId == lastHeader.walId() && meta.publishedOffset >= WalFormat.HEADER_SIZE
                    && meta.nextSequence >= lastHeader.baseSequence()) {
                from = meta.publishedOffset;
            }
            nextSequence = Math.max(nextSequence, lastSequenceAfter(last, from) + 1);
        }
        return new WalRecovery(maxId + 1, nextSequence, unreadable);
    }

    /** The highest sequence number of the events in {@code file} from {@code from}, or -1. */
    private static long lastSequenceAfter(Path file, long from) throws IOException {
        long[] max = {-1};
        try (WalReader reader = WalReader.open(file)) {
            reader.scan(from, new WalReader.Visitor() {
                @Override
                public void record(int type, long filePosition, byte[] buf, int offset, int length) {
                    if (type == WalFormat.RECORD_EVENT && length >= EventLayout.FIELDS_OFFSET) {
                        max[0] = Math.max(max[0], io.timberlog.core.internal.io.Bytes.getLong(buf,
                                offset + EventLayout.SEQUENCE_OFFSET));
                    }
                }

                @Override
                public void damage(long start, long end, Damage.Kind kind, String detail) {
                    // Readers report damage; recovery only needs the sequence numbers.
                }
            });
        }
        return max[0];
    }
}
