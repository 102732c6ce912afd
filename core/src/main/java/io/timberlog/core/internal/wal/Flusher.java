package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.FsyncPolicy;
import io.timberlog.core.Level;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.io.StoreThreads;
import io.timberlog.core.internal.io.StrayInterrupts;
import io.timberlog.core.internal.io.ThreadJoin;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The store's background thread for durability and housekeeping:
 * <ul>
 *   <li>forces the current file every {@code fsyncInterval}, and whenever appending threads wait
 *       for a force ({@link ForceCoordinator});</li>
 *   <li>takes sealed files once every record in them is published: forces them (under
 *       {@link FsyncPolicy#NEVER} the next {@code sync()} does), records the rotation in
 *       {@code wal.meta}, and releases their mapping;</li>
 *   <li>keeps {@code wal.meta} up to date with how far the current file is published;</li>
 *   <li>writes the synthetic event that reports dropped events once writing works again;</li>
 *   <li>notices a WAL file deleted under the writer and moves to a new one.</li>
 * </ul>
 * A failed force is never retried: the kernel may already have dropped the dirty pages, so the file
 * is sealed, the failure reported, and writing moves to a new file.
 *
 * <p>Thread-safe: its state is touched by its own thread; the public methods only hand it work.
 */
final class Flusher {
    /** A sealed file whose records are still being written after this long is handed on anyway. */
    private static final long QUIESCENCE_TIMEOUT_NANOS = 30_000_000_000L;
    private static final long HEALTH_CHECK_NANOS = 1_000_000_000L;
    private static final String DROP_LOGGER = "io.timberlog.store";
    /** Past this many sealed files waiting for a sync(), those already deleted are forgotten. */
    private static final int MAX_UNFORCED_SEALED = 64;

    private final WalWriter writer;
    private final WalMeta meta;
    private final ProblemReporter problems;
    private final DropCounter drops;
    private final ForceCoordinator forces;
    private final boolean forcing;
    private final long intervalNanos;
    private final ConcurrentLinkedQueue<ActiveWal> sealedQueue = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<SealedFile> sealed = new ArrayDeque<>();
    /**
     * Sealed files handed on without a force (under {@link FsyncPolicy#NEVER}): their mapping is gone, but
     * a later {@code sync()} promises everything published so far, so it forces them by path.
     */
    private final List<Path> unforcedSealed = new ArrayList<>();
    private final WalIo walIo;
    private final AtomicLong failedForces = new AtomicLong();
    private volatile SealedWalListener sealedListener = SealedWalListener.NONE;
    private final CapturedEvent dropEvent = new CapturedEvent();

    private Thread thread;
    private volatile boolean stopping;
    private volatile long stopDeadline;

    private ActiveWal metaWal;
    private long metaOffset;
    private long metaNextSequence;
    private boolean metaDirty;
    private ActiveWal failedWal;
    private long lastHealthCheck;

    /** A sealed file and when the flusher first saw it. */
    private static final class SealedFile {
        final ActiveWal wal;
        final long seenNanos;

        SealedFile(ActiveWal wal, long seenNanos) {
            this.wal = wal;
            this.seenNanos = seenNanos;
        }
    }

    Flusher(WalWriter writer, WalMeta meta, StoreOptions options, ProblemReporter problems, DropCounter drops,
            ForceCoordinator forces, WalIo io) {
        this.writer = writer;
        this.walIo = io;
        this.meta = meta;
        this.problems = problems;
        this.drops = drops;
        this.forces = forces;
        this.forcing = options.fsync() != FsyncPolicy.NEVER;
        this.intervalNanos = options.fsyncInterval().toNanos();
    }

    void start() {
        thread = StoreThreads.create(this::run, "timberlog-flusher");
        forces.setFlusher(thread);
        thread.start();
    }

    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    void setSealedListener(SealedWalListener listener) {
        this.sealedListener = listener;
    }

    /**
     * Takes a sealed file, to hand on once its records are published. The writer queues the files in their
     * order (under its rotation lock), and they are handed on in that order: the segment manager makes their
     * segments in it, and a close that waits for the file sealed last waits for the ones before too.
     */
    void enqueueSealed(ActiveWal wal) {
        sealedQueue.add(wal);
    }

    long failedForces() {
        return failedForces.get();
    }

    private void run() {
        long nextForce = System.nanoTime() + intervalNanos;
        while (true) {
            try {
                StrayInterrupts.clear();
                long now = System.nanoTime();
                boolean finishing = stopping;
                takeSealed(now, finishing);
                long requested = forces.requested();
                boolean due = forcing && now - nextForce >= 0;
                if (due || forces.hasPending() || finishing) {
                    forceOpenFiles();
                    forces.completed(requested);
                    nextForce = now + intervalNanos;
                }
                updateMeta(false);
                reportDrops();
                if (now - lastHealthCheck >= HEALTH_CHECK_NANOS) {
                    lastHealthCheck = now;
                    checkHealth();
                }
                if (finishing && (sealed.isEmpty() || now - stopDeadline >= 0)) {
                    finish();
                    return;
                }
                long sleep = Math.min(Math.max(nextForce - System.nanoTime(), 1_000_000L), HEALTH_CHECK_NANOS);
                if (!sealed.isEmpty() || finishing) {
                    sleep = Math.min(sleep, 1_000_000L); // waiting for writers to publish the last records
                }
                LockSupport.parkNanos(this, forcing ? sleep : Math.min(sleep, HEALTH_CHECK_NANOS));
            } catch (Throwable t) {
                problems.report("flusher", "the flusher thread hit an unexpected error; it goes on", t);
                LockSupport.parkNanos(this, 10_000_000L);
            }
        }
    }

    /** Takes newly sealed files, and hands on those whose records are all published. */
    private void takeSealed(long now, boolean finishing) {
        ActiveWal wal;
        while ((wal = sealedQueue.poll()) != null) {
            sealed.add(new SealedFile(wal, now));
        }
        while (!sealed.isEmpty()) {
            SealedFile head = sealed.peek();
            boolean quiescent = head.wal.isQuiescent();
            if (!quiescent && now - head.seenNanos < QUIESCENCE_TIMEOUT_NANOS && !(finishing && now - stopDeadline >= 0)) {
                return;
            }
            sealed.poll();
            restoreIfDeleted(head.wal);
            forceOrRemember(head.wal);
            updateMeta(true);
            recordSealed(head.wal);
            head.wal.retire(); // unmaps only when quiescent
            notifyCompleted(head.wal);
        }
    }

    private void notifyCompleted(ActiveWal wal) {
        if (wal.isAbandoned()) {
            return;
        }
        try {
            sealedListener.walCompleted(wal.walId(), wal.path());
        } catch (RuntimeException | LinkageError e) {
            problems.report("sealed-listener", "handing on sealed WAL file " + wal.path() + " failed", e);
        }
    }

    /** A sealed file leaving the flusher's hands: forced now, or under NEVER by the next sync(). */
    private void forceOrRemember(ActiveWal wal) {
        if (wal == failedWal) {
            return;
        }
        if (forcing) {
            force(wal);
            return;
        }
        if (unforcedSealed.size() >= MAX_UNFORCED_SEALED) {
            unforcedSealed.removeIf(path -> !Files.exists(path)); // converted or shed meanwhile
        }
        unforcedSealed.add(wal.path());
    }

    /** Forces the sealed files handed on unforced; one deleted meanwhile was converted or shed. */
    private void forceUnforcedSealed() {
        for (Path path : unforcedSealed) {
            try {
                walIo.forceFile(path);
            } catch (NoSuchFileException e) {
                // converted (its segment was forced before the file was deleted) or shed by retention
            } catch (IOException | RuntimeException e) {
                failedForces.incrementAndGet();
                problems.report("force", "forcing " + path + " to disk failed; events written to it may be lost "
                        + "on power failure", e);
            }
        }
        unforcedSealed.clear();
    }

    private void forceOpenFiles() {
        forceUnforcedSealed();
        for (SealedFile s : sealed) {
            if (s.wal != failedWal) {
                force(s.wal);
            }
        }
        ActiveWal current = writer.current();
        if (current != null && current != failedWal) {
            force(current);
        }
    }

    private void force(ActiveWal wal) {
        try {
            wal.force();
        } catch (Throwable t) {
            // Not retried: after a failed fsync the kernel may have dropped the dirty pages, and a second
            // fsync would report success for data that is gone.
            failedForces.incrementAndGet();
            failedWal = wal;
            problems.report("force", "forcing " + wal.path() + " to disk failed; events written since the last "
                    + "successful force may be lost on power failure; sealing it and moving to a new file", t);
            writer.sealCurrent(wal, SealReason.FORCE_FAILED);
        }
    }

    /** Records in wal.meta how far the current file is published. */
    private void updateMeta(boolean force) {
        ActiveWal wal = writer.current();
        if (wal == null) {
            return;
        }
        boolean rotated = wal != metaWal;
        if (rotated) {
            metaWal = wal;
            metaOffset = WalFormat.HEADER_SIZE;
            metaNextSequence = wal.baseSequence();
            metaDirty = true;
            force = true;
            forceDirectory(); // a new file's directory entry must survive a power loss with its data
        }
        long limit = wal.reservedOffset();
        long p = metaOffset;
        while (p + WalFormat.MIN_RECORD_LENGTH <= limit) {
            int length = wal.publishedLength(p);
            if (length < WalFormat.MIN_RECORD_LENGTH || p + length > limit) {
                break;
            }
            if (wal.byteAt(p + WalFormat.RECORD_TYPE_OFFSET) == WalFormat.RECORD_EVENT) {
                metaNextSequence = wal.longAt(p + EventLayout.SEQUENCE_OFFSET) + 1;
            }
            p += io.timberlog.core.internal.io.Bytes.align8(length);
        }
        if (p != metaOffset) {
            metaOffset = p;
            metaDirty = true;
        }
        if (metaDirty) {
            try {
                // A rotation is forced whatever the fsync policy, before the sealed file is handed to the
                // segment manager: once a forced manifest lists that file, a meta file behind it would
                // let the next run after a power loss reuse its id and sequence numbers.
                meta.write(wal.walId(), metaOffset, metaNextSequence, rotated || force && forcing);
                metaDirty = false;
            } catch (IOException | RuntimeException e) {
                problems.report("meta", "cannot update " + WalFiles.META + " (a hint for readers; no data is lost)", e);
            }
        }
    }

    private void forceDirectory() {
        if (!forcing) {
            return;
        }
        try {
            FileOps.forceDirectory(WalFiles.directory(writer.store()));
        } catch (IOException | RuntimeException e) {
            problems.report("force-dir", "cannot force the WAL directory to disk", e);
        }
    }

    /**
     * Records a sealed file in wal.meta when no newer file is current (at close, or while no file is
     * ready), so the meta's last word names the end of the last file.
     */
    private void recordSealed(ActiveWal wal) {
        ActiveWal current = writer.current();
        if (current != null && current.walId() > wal.walId()) {
            return;
        }
        try {
            // Forced whatever the fsync policy, for the same reason as a rotation: the close converts this file.
            meta.write(wal.walId(), wal.sealPosition(), wal.baseSequence() + wal.sealedEventCount(), true);
        } catch (IOException | RuntimeException e) {
            problems.report("meta", "cannot update " + WalFiles.META + " (a hint for readers; no data is lost)", e);
        }
    }

    /**
     * Records the drops not yet recorded as an event of the store, if writing works; false when some
     * are left unrecorded (no file takes events at the moment: a rotation is under way). Called by the
     * flusher's thread after each round, and by the writer's close before it seals the last file: the
     * drops of the last second before a close would otherwise be counted but never recorded.
     */
    synchronized boolean reportDrops() {
        long n = drops.pending();
        if (n == 0) {
            return true;
        }
        if (writer.current() == null) {
            return false;
        }
        long first = drops.firstPendingNanos();
        long last = drops.lastPendingNanos();
        dropEvent.reset()
                .timestamp(System.currentTimeMillis() * 1_000_000L)
                .level(Level.WARN)
                .logger(DROP_LOGGER)
                .thread(Thread.currentThread().getName())
                .message("TimberLog dropped {} events between {} and {}", MessageStyle.SLF4J)
                .addArgument(n)
                .addArgument(Instant.ofEpochSecond(0, first).toString())
                .addArgument(Instant.ofEpochSecond(0, last).toString())
                .addKeyValue("dropped", n)
                .addKeyValue("droppedFrom", first)
                .addKeyValue("droppedTo", last);
        if (!writer.appendInternal(dropEvent)) {
            return false;
        }
        drops.reported(n);
        problems.reportCleared("drops", "dropped " + n + " events between " + Instant.ofEpochSecond(0, first)
                + " and " + Instant.ofEpochSecond(0, last) + "; writing works again");
        return true;
    }

    /**
     * A sealed file deleted before it was handed on (under a running writer: by hand, a cleanup job, the
     * whole store directory) is written again from its mapping, which outlives the directory entry: its
     * events were acknowledged, and the conversion still finds them. Under a temporary name, then renamed,
     * so that no reader sees half of it.
     */
    private void restoreIfDeleted(ActiveWal wal) {
        if (!wal.isQuiescent() || wal.isAbandoned() || Files.exists(wal.path())) {
            return;
        }
        Path tmp = wal.path().resolveSibling(wal.path().getFileName() + ".restore");
        try {
            writer.recreateDirectories();
            Files.deleteIfExists(tmp); // left by a crash in the middle of an earlier try
            try (FileChannel channel = FileOps.createNew(tmp)) {
                wal.copyTo(channel);
                channel.force(true);
            }
            Files.move(tmp, wal.path(), StandardCopyOption.ATOMIC_MOVE);
            FileOps.forceDirectory(WalFiles.directory(writer.store()));
            problems.report("restored", "WAL file " + wal.path() + " was deleted while in use; it is written "
                    + "again from memory, with every event it held", null);
        } catch (IOException | RuntimeException e) {
            problems.report("restore", "WAL file " + wal.path() + " was deleted while in use and cannot be written "
                    + "again; the events it held are lost", e);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover is no WAL file to readers or the conversion; a later try for this file deletes it
            }
        }
    }

    /** A WAL file deleted under the writer (e.g. the whole store directory removed): move to a new file. */
    private void checkHealth() {
        ActiveWal wal = writer.current();
        if (wal == null || writer.currentFileExists(wal)) {
            return;
        }
        problems.report("missing", "WAL file " + wal.path() + " was deleted while in use; moving to a new file "
                + "and writing this one again from memory", null);
        try {
            writer.recreateDirectories();
            FileOps.forceDirectory(writer.store());
        } catch (IOException | RuntimeException e) {
            problems.report("recreate", "cannot re-create the store directory " + writer.store(), e);
        }
        writer.sealCurrent(wal, SealReason.FILE_MISSING);
    }

    /** Hands on the last sealed files, forces and records everything, closes the meta file. */
    private void finish() {
        while (!sealed.isEmpty()) {
            SealedFile s = sealed.poll();
            restoreIfDeleted(s.wal);
            forceOrRemember(s.wal);
            recordSealed(s.wal);
            s.wal.retire();
            notifyCompleted(s.wal);
        }
        forceUnforcedSealed(); // closing forces what was written, as sync() does
        try {
            meta.close();
        } catch (IOException e) {
            problems.report("meta", "cannot close " + WalFiles.META, e);
        }
        forces.completed(Long.MAX_VALUE);
    }

    /** Asks the thread to finish its work, waiting up to {@code timeoutNanos}. */
    void stop(long timeoutNanos) {
        stopDeadline = System.nanoTime() + timeoutNanos;
        stopping = true;
        Thread t = thread;
        if (t == null) {
            return;
        }
        LockSupport.unpark(t);
        ThreadJoin.await(t, timeoutNanos + 1_000_000_000L);
    }
}
