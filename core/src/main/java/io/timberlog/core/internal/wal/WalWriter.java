package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.FsyncPolicy;
import io.timberlog.core.Level;
import io.timberlog.core.Nesting;
import io.timberlog.core.OverloadPolicy;
import io.timberlog.core.PerThread;
import io.timberlog.core.RunInfo;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.internal.io.FileOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The write path of a store: appends events to the current WAL file, rotates to the next one,
 * applies the overload policy, and waits for forces where the fsync policy asks for it.
 *
 * <p>The append path takes no lock: it reads {@link #current}, and {@link EventEncoder} reserves
 * room with one atomic add. Rotation, which happens once per file, is done under
 * {@link #rotationLock} by the thread that sealed the file (or by the allocator when no file was
 * ready), and never waits for I/O: the next file was prepared in the background.
 *
 * <p>Thread-safe. {@link #append} never throws.
 */
public final class WalWriter implements ActiveWal.SealListener {
    /**
     * How long an append waits for a rotation in progress under the DROP policy; under BLOCK it waits
     * up to blockTimeout, as for any other lack of room.
     */
    private static final long ROTATION_GRACE_NANOS = 50_000_000L;
    /** What {@link #tryAppend} returns for an event nested too deep in others being encoded on its thread. */
    private static final long NESTED_TOO_DEEP = -2;

    private final StoreOptions options;
    private final Path store;
    private final RunInfo run;
    private final ProblemReporter problems;
    private final DropCounter drops = new DropCounter();
    private final ForceCoordinator forces;
    private final AtomicLong nextWalId;
    private final WalAllocator allocator;
    private final Flusher flusher;
    /**
     * Not a ThreadLocal: a thread that outlives this writer must not keep its encoder (and class loader).
     * Acquired and released around each use ({@link #tryAppend}): a virtual thread's is lent. An encoder
     * renders the arguments the framework did not (see {@link CapturedEvent#renderedBy}), and an
     * argument's toString() may log: the append that leads to encodes with an encoder of its own.
     */
    private final PerThread<Nesting<EventEncoder>> encoders;
    private final Object rotationLock = new Object();
    private final long blockTimeoutNanos;
    private final boolean forceEveryAppend;
    private final Level forceAtLevel;
    private final WalIo io;
    private final RotationListener rotations;

    private volatile ActiveWal current;
    private volatile boolean closed;
    /** Base sequence of the next file while none is current. Guarded by rotationLock. */
    private long pendingBaseSequence;
    /** The file sealed last, whose appends under way a close waits for. Guarded by rotationLock. */
    private ActiveWal lastSealed;

    /**
     * Told on the thread that sealed a file, around its rotation. A thread can be descheduled at either
     * point for long while others go on writing, forcing, sealing and closing; tests hold it there. The
     * store uses {@link #NONE}.
     */
    interface RotationListener {
        RotationListener NONE = new RotationListener() { };

        /** {@code sealed} is sealed but still current: its thread is about to put the next file in its place. */
        default void beforeRotation(ActiveWal sealed) {
        }

        /** Done with the rotation: the next file is current (or being waited for), and the sealed one is the flusher's. */
        default void afterRotation(ActiveWal sealed) {
        }
    }

    private WalWriter(StoreOptions options, RunInfo run, ProblemReporter problems, WalRecovery recovery,
                      WalMeta meta, WalIo io, RotationListener rotations) {
        this.io = io;
        this.rotations = rotations;
        this.options = options;
        this.store = options.directory();
        this.run = run;
        this.problems = problems;
        this.forces = new ForceCoordinator(options.maxForceWait().toNanos(), options.maxForcedWaitsPerSecond());
        this.nextWalId = new AtomicLong(recovery.nextWalId);
        this.pendingBaseSequence = recovery.nextSequence;
        long initialSize = Math.min(options.maxWalSize(), Math.max(1L << 20, 2L * options.maxEventSize()));
        this.allocator = new WalAllocator(store, initialSize, options.maxWalSize(), nextWalId::getAndIncrement,
                problems, this::onSpareReady, io);
        this.flusher = new Flusher(this, meta, options, problems, drops, forces, io);
        int maxEventSize = options.maxEventSize();
        this.encoders = new PerThread<>(() -> new Nesting<>(() -> new EventEncoder(maxEventSize)));
        this.blockTimeoutNanos = options.overload() == OverloadPolicy.BLOCK ? options.blockTimeout().toNanos() : 0;
        this.forceEveryAppend = options.fsync() == FsyncPolicy.ALWAYS;
        this.forceAtLevel = options.forceAtLevel();
    }

    /**
     * Opens the write path of a store whose lock the caller holds: learns ids and sequence numbers
     * from what earlier runs left, creates this run's first file and starts the background threads.
     */
    public static WalWriter open(StoreOptions options, RunInfo run) throws IOException {
        return open(options, run, 1, 0, SealedWalListener.NONE);
    }

    /**
     * As {@link #open(StoreOptions, RunInfo)}, for a store whose segments already used WAL ids below
     * {@code minWalId} and sequence numbers below {@code minSequence} (the WAL files they came from may
     * be gone), telling {@code listener} about every file completed from the start.
     */
    public static WalWriter open(StoreOptions options, RunInfo run, long minWalId, long minSequence,
                                 SealedWalListener listener) throws IOException {
        return open(options, run, minWalId, minSequence, listener, WalIo.REAL);
    }

    static WalWriter open(StoreOptions options, RunInfo run, WalIo io) throws IOException {
        return open(options, run, 1, 0, SealedWalListener.NONE, io);
    }

    /** As {@link #open(StoreOptions, RunInfo, long, long, SealedWalListener)}, through {@code io} (tests record or fail forces). */
    static WalWriter open(StoreOptions options, RunInfo run, long minWalId, long minSequence,
                          SealedWalListener listener, WalIo io) throws IOException {
        return open(options, run, minWalId, minSequence, listener, io, RotationListener.NONE);
    }

    /** As above, telling {@code rotations} about each rotation (tests hold the sealing thread there). */
    static WalWriter open(StoreOptions options, RunInfo run, long minWalId, long minSequence,
                          SealedWalListener listener, WalIo io, RotationListener rotations) throws IOException {
        ProblemReporter problems = new ProblemReporter(options.problemListener());
        Path store = options.directory();
        FileOps.createDirectories(WalFiles.directory(store));
        WalRecovery recovery = WalRecovery.recover(store, problems).atLeast(minWalId, minSequence);
        WalMeta meta = WalMeta.openForWriting(store);
        WalWriter writer = new WalWriter(options, run, problems, recovery, meta, io, rotations);
        writer.setSealedWalListener(listener);
        try {
            // The first file is small: creating it must not slow the application's start.
            PreparedWal first = writer.allocator.prepare(writer.allocator.firstSize());
            synchronized (writer.rotationLock) {
                writer.current = writer.activate(first, writer.pendingBaseSequence);
            }
            // Written before any background thread runs: the meta file also marks the directory as a store.
            meta.write(first.walId, WalFormat.HEADER_SIZE, writer.pendingBaseSequence, false);
            // Forced whatever the fsync policy: the segment manager may convert an earlier run's files
            // (a forced manifest lists them, their deletion is forced), and after a power loss a meta
            // file older than that would let the next run reuse their ids and sequence numbers. A failed
            // force does not stop the start: the flusher forces the meta again at the first rotation.
            try {
                meta.force();
            } catch (IOException e) {
                problems.report("meta", "cannot force " + WalFiles.META + " to disk", e);
            }
        } catch (IOException | RuntimeException e) {
            meta.close();
            throw e;
        }
        writer.allocator.start();
        writer.flusher.start();
        return writer;
    }

    /** Appends an event; returns false when it was dropped. Never throws, never blocks without bound. */
    public boolean append(CapturedEvent event) {
        if (closed) {
            drops.drop(System.currentTimeMillis() * 1_000_000L);
            return false;
        }
        ActiveWal wal = null;
        boolean stored = false;
        boolean nestedTooDeep = false;
        boolean interrupted = false;
        try {
            long graceDeadline = 0;
            long blockDeadline = 0;
            for (int spins = 0; ; spins++) {
                wal = current;
                if (wal != null) {
                    long sequence = tryAppend(event, wal);
                    if (sequence >= 0) {
                        stored = true;
                        break;
                    }
                    if (sequence == NESTED_TOO_DEEP) {
                        nestedTooDeep = true;
                        break;
                    }
                }
                long now = System.nanoTime();
                if (closed) {
                    break;
                }
                if (wal != null && wal == current) {
                    // Sealed but not yet replaced: a rotation is under way.
                    if (graceDeadline == 0) {
                        graceDeadline = now + Math.max(ROTATION_GRACE_NANOS, blockTimeoutNanos);
                    } else if (now > graceDeadline) {
                        break;
                    }
                } else if (current == null) {
                    // No file is ready: the overload policy decides, unless creating one failed (a full disk):
                    // then no wait brings room before the allocator's next try, and a wait of blockTimeout
                    // for every call would slow the application down to one call a second per thread.
                    if (allocator.isFailing()) {
                        break;
                    }
                    if (blockDeadline == 0) {
                        blockDeadline = now + blockTimeoutNanos;
                    }
                    if (now >= blockDeadline) {
                        break;
                    }
                }
                interrupted |= backoff(spins);
            }
        } catch (InternalError t) {
            // Touching a mapping whose file was truncated raises SIGBUS, which the JVM turns into an
            // InternalError (possibly a little after the faulting access).
            onWriteFault(wal, t);
        } catch (Throwable t) {
            problems.report("append", "an event could not be stored and was dropped", t);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt(); // the application's, taken while waiting
            }
        }
        if (stored) {
            try {
                afterAppend(event.level());
            } catch (Throwable t) {
                problems.report("force", "waiting for a force failed; the event is stored", t);
            }
            return true;
        }
        if (nestedTooDeep) {
            dropNested();
            return false;
        }
        drops.drop(System.currentTimeMillis() * 1_000_000L);
        return false;
    }

    /**
     * Counts, records and reports an event dropped because it was logged on a thread already busy with
     * {@link Nesting#MAX_NESTED} + 1 events, each logged while the one before it was captured or encoded
     * (an argument whose toString() logs whenever it is rendered). Never throws.
     */
    public void dropNested() {
        drops.drop(System.currentTimeMillis() * 1_000_000L);
        problems.report("nested", "an event logged while " + (Nesting.MAX_NESTED + 1) + " events nested in one "
                + "another were captured on its thread (an argument whose toString() logs whenever it is "
                + "rendered) was dropped; such drops are counted and recorded in the store", null);
    }

    /**
     * One try of an append: the event's sequence number, -1 when the file is full, or
     * {@link #NESTED_TOO_DEEP}. The encoder is held for the try only, not while the caller waits for the
     * next file: a virtual thread's is lent, and many of them waiting would each need one.
     */
    private long tryAppend(CapturedEvent event, ActiveWal wal) {
        Nesting<EventEncoder> nesting = encoders.acquire();
        try {
            EventEncoder encoder = nesting.enter();
            if (encoder == null) {
                return NESTED_TOO_DEEP;
            }
            try {
                return encoder.append(event, wal);
            } finally {
                nesting.exit(encoder);
            }
        } finally {
            encoders.release(nesting);
        }
    }

    /**
     * Waits a little, longer the more often called.
     *
     * @return true when it took the caller's interrupt, which the caller sets again once it stops waiting:
     *     on an interrupted thread a park returns at once, and the wait would spin a processor until its
     *     deadline (blockTimeout, a second by default)
     */
    private static boolean backoff(int spins) {
        if (spins < 64) {
            Thread.onSpinWait();
            return false;
        }
        if (spins < 128) {
            Thread.yield();
            return false;
        }
        boolean interrupted = Thread.interrupted();
        LockSupport.parkNanos(parkNanos(spins));
        return interrupted;
    }

    private static final long FIRST_PARK_NANOS = 50_000L;
    private static final long LONGEST_PARK_NANOS = 4_000_000L;

    /**
     * 50 us at first, doubled every 8 parks up to 4 ms (after about 50 ms of waiting). A rotation ends
     * within the first parks; the longer ones are for a wait on a slow disk (onOverload=block, up to
     * blockTimeout): woken every 50 us, each waiting thread took about 12% of a processor, and an
     * application with many threads logging lost processors to the wait; now about 2%. The price: the
     * next file is taken up to 4 ms after it is ready, next to a blockTimeout of a second by default.
     */
    private static long parkNanos(int spins) {
        int doublings = Math.min(7, (spins - 128) / 8);
        return Math.min(LONGEST_PARK_NANOS, FIRST_PARK_NANOS << doublings);
    }

    private void afterAppend(Level level) {
        if (forceEveryAppend) {
            forces.awaitForce(false);
        } else if (forceAtLevel != null && level.isAtLeast(forceAtLevel)) {
            forces.awaitForce(true);
        }
    }

    /**
     * Writing into the mapping failed (a file truncated under us turns SIGBUS into an InternalError):
     * leave that file alone from now on and move to the next one.
     */
    private void onWriteFault(ActiveWal wal, Throwable t) {
        problems.report("write", "writing to the WAL failed; moving to a new file", t);
        if (wal != null) {
            synchronized (rotationLock) {
                if (current == wal) {
                    wal.abandon();
                    pendingBaseSequence = wal.baseSequence() + wal.reservedEventCount();
                    current = closed ? null : activateSpare(pendingBaseSequence);
                }
            }
        }
    }

    @Override
    public void sealed(ActiveWal wal, SealReason reason) {
        rotations.beforeRotation(wal);
        synchronized (rotationLock) {
            lastSealed = wal;
            if (current == wal) {
                pendingBaseSequence = wal.baseSequence() + wal.sealedEventCount();
                current = closed ? null : activateSpare(pendingBaseSequence);
            }
            // Only once it is no longer current: the flusher unmaps a sealed file once its records are
            // published, and must never find it still current afterwards (reading an unmapped file kills
            // the process with SIGSEGV). And still under the lock: the next file can be sealed only once it
            // was made current, under this lock, so the flusher gets the files in their order, which it
            // keeps for the segment manager (segments in sequence order) and for a close (which waits for
            // the file sealed last, and so for every one before). Queued after the lock, a file whose
            // sealing thread was descheduled there came after the next one.
            flusher.enqueueSealed(wal);
        }
        rotations.afterRotation(wal);
        flusher.wake();
    }

    /** Called by the allocator when a file is ready: installs it if appends are waiting for one. */
    private void onSpareReady() {
        synchronized (rotationLock) {
            if (current == null && !closed) {
                current = activateSpare(pendingBaseSequence);
            }
        }
    }

    /** Makes the prepared file current; {@code null} when none is ready. Caller holds rotationLock. */
    private ActiveWal activateSpare(long baseSequence) {
        PreparedWal prepared = allocator.take();
        return prepared == null ? null : activate(prepared, baseSequence);
    }

    private ActiveWal activate(PreparedWal prepared, long baseSequence) {
        WalFileHeader header = new WalFileHeader(prepared.walId, baseSequence, prepared.mapping.buffer().capacity(),
                System.currentTimeMillis() * 1_000_000L, run);
        byte[] bytes = new byte[WalFormat.HEADER_SIZE];
        header.encode(bytes);
        ByteBuffer view = prepared.mapping.buffer().duplicate();
        view.put(bytes);
        flusher.wake(); // the meta names the current file
        return new ActiveWal(prepared.walId, baseSequence, prepared.path, prepared.mapping, this, io);
    }

    /** Who is told about completed WAL files (the segment manager); set before appends start. */
    public void setSealedWalListener(SealedWalListener listener) {
        flusher.setSealedListener(listener);
    }

    /** The current file, or {@code null} while none is ready. */
    ActiveWal current() {
        return current;
    }

    /**
     * Seals the current file for {@code reason} (a failed force, a deleted file), so that writing moves
     * to a new file. When it is sealed already, the thread that sealed it (full, or closing) puts the next
     * file in its place, or one that gave it up after a write fault did: not this one. That thread may
     * not have got to its rotation yet, and only it knows where the next file's sequence numbers start
     * (the full file's count), and hands the files to the flusher in their order.
     */
    void sealCurrent(ActiveWal wal, SealReason reason) {
        wal.forceSeal(reason);
    }

    /** Re-creates the store's directories after they were deleted under the running writer. */
    void recreateDirectories() throws IOException {
        FileOps.createDirectories(WalFiles.directory(store));
    }

    boolean isClosed() {
        return closed;
    }

    Path store() {
        return store;
    }

    /** Writes the synthetic event that reports dropped events; false when it could not be written. */
    boolean appendInternal(CapturedEvent event) {
        ActiveWal wal = current;
        return wal != null && !closed && tryAppend(event, wal) >= 0;
    }

    /**
     * Stops accepting events, waits for the appends under way, seals the current file as the clean end
     * of this run, and waits up to {@code timeoutNanos} in all for the background threads to publish and
     * force everything.
     */
    public void close(long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        recordDropsBeforeClosing(deadline);
        ActiveWal wal;
        ActiveWal previous;
        synchronized (rotationLock) {
            if (closed) {
                return;
            }
            closed = true;
            wal = current;
            previous = lastSealed;
        }
        // No reservation in the file after this (appends under way now fail and drop their events), and the
        // seal goes where the tail stopped, once the records reserved before it are published.
        long end = wal == null ? ActiveWal.FULL : wal.endReservations();
        awaitAppendsUnderWay(wal, end, previous, deadline);
        boolean cleanEnd = end != ActiveWal.FULL;
        if (cleanEnd) {
            wal.sealAt(end, SealReason.CLOSE);
        } else {
            // No file was current, or it was sealed at the same moment (full, a failed force) and no next
            // one was installed: record the clean end in a file of its own so that the run is not taken for
            // a crash. The next file may still be being prepared: it is waited for, within the timeout.
            PreparedWal spare = awaitSpare(deadline);
            if (spare != null) {
                ActiveWal last;
                synchronized (rotationLock) {
                    last = activate(spare, pendingBaseSequence);
                }
                last.forceSeal(SealReason.CLOSE);
            }
        }
        synchronized (rotationLock) {
            current = null;
        }
        allocator.stop();
        flusher.stop(Math.max(0, deadline - System.nanoTime()));
    }

    /**
     * The longest a close waits for the appends under way. One takes microseconds from its reservation to
     * its publication, but its thread can be descheduled, or held at a safepoint by a collection, for
     * longer; one that has not published within a second is stopped for good (a debugger, a thread that
     * died), and waiting on would only hold up the application's shutdown.
     */
    private static final long IN_FLIGHT_WAIT_NANOS = 1_000_000_000L;

    /**
     * Waits, for at most {@link #IN_FLIGHT_WAIT_NANOS} and half the close's time (the other half is the
     * flusher's, to force and hand on the files), for the appends that reserved room before the close:
     * in {@code wal} below {@code end}, and in the file sealed last. Readers take unpublished room in a
     * run that ended cleanly for lost events ({@link InFlightAppends}).
     */
    private void awaitAppendsUnderWay(ActiveWal wal, long end, ActiveWal previous, long deadline) {
        long now = System.nanoTime();
        long until = now + Math.min(IN_FLIGHT_WAIT_NANOS, Math.max(0, deadline - now) / 2);
        if (end != ActiveWal.FULL) {
            if (!InFlightAppends.awaitPublished(wal, end & ActiveWal.OFFSET_MASK, until)) {
                problems.report("close", "an append under way when the store closed did not finish in time; the "
                        + "room it reserved in " + wal.path() + " stays empty, and readers report it as lost "
                        + "events (the append had not returned)", null);
            }
        } else if (wal != null && !wal.isAbandoned()) {
            // Sealed at the same moment by another thread (full, a failed force): the flusher's now.
            InFlightAppends.awaitReleased(wal, until);
        }
        // A rotation does not wait for the appends under way in the file it seals. Not reported when the
        // wait ends first: the flusher may only be slow to force that file.
        if (previous != null && previous != wal) {
            InFlightAppends.awaitReleased(previous, until);
        }
    }

    /**
     * Records the drops the flusher has not recorded yet while the store still takes events, so that
     * the last file holds the record: a rotation under way is waited out, for at most 100 ms and half
     * the close's time (the drops stay counted in the stats either way).
     */
    private static final long DROP_RECORD_WAIT_NANOS = 100_000_000L;

    private void recordDropsBeforeClosing(long closeDeadline) {
        long until = System.nanoTime() + Math.min(DROP_RECORD_WAIT_NANOS, Math.max(0, closeDeadline - System.nanoTime()) / 2);
        boolean interrupted = false;
        for (int spins = 0; !closed && !flusher.reportDrops() && System.nanoTime() - until < 0; spins++) {
            interrupted |= backoff(spins);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The prepared file once the allocator has one, or {@code null} when it fails or the deadline passes. */
    private PreparedWal awaitSpare(long deadline) {
        PreparedWal spare = allocator.take();
        boolean interrupted = false;
        while (spare == null && !allocator.isFailing() && System.nanoTime() < deadline) {
            interrupted |= Thread.interrupted(); // else the park returns at once, and this spins until the deadline
            LockSupport.parkNanos(1_000_000L);
            spare = allocator.take();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return spare;
    }

    public long droppedEvents() {
        return drops.total();
    }

    public long problemCount() {
        return problems.count();
    }

    public long failedForces() {
        return flusher.failedForces();
    }

    /** The sequence number the next event will get, as far as reserved so far. */
    public long nextSequence() {
        ActiveWal wal = current;
        if (wal != null) {
            return wal.baseSequence() + wal.reservedEventCount();
        }
        synchronized (rotationLock) {
            return pendingBaseSequence;
        }
    }

    /** Id of the current WAL file, or -1 when none is current. */
    public long currentWalId() {
        ActiveWal wal = current;
        return wal == null ? -1 : wal.walId();
    }

    /** Forces everything published so far to disk now, waiting up to the configured bound. */
    public boolean sync() {
        return forces.awaitForce(false);
    }

    /** Checks that nothing under the store was deleted; exists for the flusher's periodic health check. */
    boolean currentFileExists(ActiveWal wal) {
        return Files.exists(wal.path());
    }
}
