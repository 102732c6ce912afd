package io.timberlog.core.internal.manifest;

import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.segment.SegmentInfo;
import io.timberlog.core.internal.segment.SegmentWriter;
import io.timberlog.core.internal.wal.ProblemReporter;
import io.timberlog.core.internal.wal.SealReason;
import io.timberlog.core.internal.wal.SealRecord;
import io.timberlog.core.internal.wal.WalEventReader;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalMeta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Converts one completed WAL file into a segment: write the segment (temporary name, force, rename),
 * list it in the manifest (atomic replace), delete the WAL file. Idempotent, keyed by WAL id: a WAL
 * file that the manifest already lists is only deleted. Damaged ranges of the WAL file are recorded
 * in the segment, so that readers keep reporting them, and so is how the WAL file ended (its seal), so
 * that readers still tell a run that ended cleanly from one that crashed.
 *
 * <p>Not thread-safe: the segment manager's thread (or the offline compaction) owns it, under the
 * store lock.
 */
final class WalConverter {
    /** Runs without events whose files are kept (see {@link #pruneEventlessRuns}). */
    static final int MAX_EVENTLESS_RUNS = 32;
    private static final WalEventReader.Sink IGNORE = new WalEventReader.Sink() {
        @Override
        public void event(LogEvent event, long filePosition) {
        }

        @Override
        public void damage(Damage damage) {
        }
    };

    private final Path store;
    private final ManifestHolder manifests;
    private final ProblemReporter problems;
    private final ConversionStep.Listener steps;
    /** True in a writer: see {@link #keepFilesWalMetaIsBehind}. */
    private volatile boolean keepFilesWalMetaIsBehind;

    WalConverter(Path store, ManifestHolder manifests, ProblemReporter problems, ConversionStep.Listener steps) {
        this.store = store;
        this.manifests = manifests;
        this.problems = problems;
        this.steps = steps;
    }

    /** Thrown out of the WAL reader's callback when a conversion is asked to stop. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("conversion stopped", null, false, false);
        }
    }

    /**
     * Converts WAL file {@code walId}. Returns false when it was stopped by {@code stop} before the
     * segment was complete (the WAL file then stays, for the next start).
     */
    boolean convert(long walId, Path wal, BooleanSupplier stop) throws IOException {
        if (manifests.current().coversWal(walId)) {
            deleteWal(wal);
            return true;
        }
        if (!Files.exists(wal)) {
            return true; // converted and deleted already, or deleted by someone else
        }
        long segmentId = nextSegmentId();
        Path target = SegmentFiles.path(store, segmentId);
        FileOps.createDirectories(SegmentFiles.directory(store));
        List<Damage> damages = new ArrayList<>();
        SegmentInfo info;
        WalEventReader.Result read;
        try (SegmentWriter writer = SegmentWriter.create(target, segmentId)) {
            writer.addWalId(walId);
            try {
                read = WalEventReader.read(wal, new WalEventReader.Sink() {
                    @Override
                    public void event(LogEvent event, long filePosition) {
                        if (stop.getAsBoolean()) {
                            throw new Stopped();
                        }
                        try {
                            writer.add(event);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }

                    @Override
                    public void damage(Damage damage) {
                        if (damage.kind() == Damage.Kind.CORRUPT) {
                            damages.add(damage);
                            writer.addDamage(walId, damage.start(), damage.end(), damage.detail());
                        }
                    }
                });
                writer.addSeal(walId, read.sealed ? read.sealReason : null, read.sealEpochNanos);
            } catch (Stopped e) {
                return false;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (writer.eventCount() == 0) {
                reportDamages(wal, damages, 0);
                if (read.sealed && read.sealReason == SealReason.CLOSE) {
                    keepEnd(wal, read, false);
                } else if (read.header != null && !manifests.current().holdsRun(read.header.run().id())) {
                    keepEnd(wal, read, !read.sealed);
                } else {
                    deleteWal(wal);
                }
                pruneEventlessRuns(walId);
                return true;
            }
            info = writer.finish();
        }
        steps.after(ConversionStep.SEGMENT_WRITTEN);
        manifests.update(manifests.current().with(ManifestEntry.of(info, Files.size(target))));
        steps.after(ConversionStep.MANIFEST_WRITTEN);
        reportDamages(wal, damages, info.eventCount());
        deleteWal(wal);
        steps.after(ConversionStep.WAL_DELETED);
        return true;
    }

    private void reportDamages(Path wal, List<Damage> damages, long events) {
        if (!damages.isEmpty()) {
            problems.report("convert-damage", "WAL file " + wal + " had " + damages.size() + " damaged range(s), "
                    + "first: " + damages.get(0) + "; its " + events + " intact events were kept", null);
        }
    }

    /** Above every segment listed and every segment file present (orphans included), so no name is reused. */
    private long nextSegmentId() throws IOException {
        long max = manifests.current().highestSegmentId();
        for (Path p : SegmentFiles.list(store)) {
            max = Math.max(max, SegmentFiles.idOf(p.getFileName().toString()));
        }
        return max + 1;
    }

    /**
     * Keeps a file without events, cut to its header and seal, where it is the only record of how its
     * run ended (a segment cannot hold a file without events):
     * <ul>
     *   <li>sealed by a close (the store was closed just after a rotation): deleting it would make the run
     *       read as crashed;</li>
     *   <li>of a run with no events in any segment (a process that died, or closed the store, before it
     *       logged anything): deleting it would drop the run from the list of runs, and the run before it
     *       would pass for the one that crashed. An unsealed one is sealed first ({@link SealReason#RECOVERED}):
     *       cut without a seal, it would read as a file whose end was lost.</li>
     * </ul>
     */
    private static void keepEnd(Path wal, WalEventReader.Result read, boolean seal) throws IOException {
        long end = read.lastRecordEnd;
        try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            if (seal) {
                FileOps.writeFully(channel, ByteBuffer.wrap(Arrays.copyOf(SealRecord.encode(0, 0, SealReason.RECOVERED),
                        (int) Bytes.align8(SealRecord.LENGTH))), end);
                channel.force(false); // the seal on disk before the file is cut short
                end += Bytes.align8(SealRecord.LENGTH);
            }
            if (end > 0 && channel.size() > end) {
                channel.truncate(end);
            }
        }
    }

    /**
     * Deletes the files kept for runs without events ({@link #keepEnd}) but the newest
     * {@link #MAX_EVENTLESS_RUNS}: a process that dies at every start before it logs (a crash loop) would
     * otherwise leave a file for each start. Looks at the files below {@code walId} only, which the
     * conversion has passed; one whose header is damaged is left for readers to report.
     */
    private void pruneEventlessRuns(long walId) throws IOException {
        List<Path> eventless = new ArrayList<>();
        for (Path file : WalFiles.list(store)) {
            if (WalFiles.idOf(file) > walId) {
                continue;
            }
            WalEventReader.Result kept;
            try {
                kept = WalEventReader.read(file, IGNORE);
            } catch (IOException | RuntimeException unreadable) {
                continue; // gone meanwhile, or of a newer version: not one of ours to count
            }
            if (kept.header != null && kept.events == 0 && kept.sealed
                    && !manifests.current().holdsRun(kept.header.run().id())) {
                eventless.add(file); // listed oldest first
            }
        }
        for (int i = 0; i < eventless.size() - MAX_EVENTLESS_RUNS; i++) {
            Files.deleteIfExists(eventless.get(i));
        }
        if (eventless.size() > MAX_EVENTLESS_RUNS) {
            FileOps.forceDirectory(WalFiles.directory(store));
        }
    }

    /**
     * From now on keeps a converted WAL file whose id is above the one {@code wal.meta} names. A writer's
     * next run takes its WAL ids from {@code wal.meta} and the WAL files present, not from the manifest
     * (which it reads later, off the application's start): with the meta behind (a write of it failed,
     * and the process then died), deleting the file would let the next run reuse its id, and its first
     * file would then be taken for this converted one and deleted, with its events. Kept, the file
     * raises the next run's ids, and that run deletes it: readers skip it meanwhile, as a file whose
     * conversion ended before its deletion. For a writer's conversions only: {@code compact} raises the
     * meta itself.
     */
    void keepFilesWalMetaIsBehind() {
        keepFilesWalMetaIsBehind = true;
    }

    private void deleteWal(Path wal) throws IOException {
        if (keepFilesWalMetaIsBehind) {
            WalMeta.State meta = WalMeta.read(store);
            if (meta != null && meta.walId < WalFiles.idOf(wal)) {
                problems.report("wal-meta-behind", "wal.meta names WAL file " + meta.walId + ", below the converted "
                        + wal + ": the file is kept, so that the next run does not reuse its id, until wal.meta is "
                        + "written again", null);
                return;
            }
        }
        Files.deleteIfExists(wal);
        FileOps.forceDirectory(WalFiles.directory(store));
    }
}
