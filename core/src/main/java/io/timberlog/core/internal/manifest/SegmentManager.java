package io.timberlog.core.internal.manifest;

import io.timberlog.core.StoreOptions;
import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.io.StoreThreads;
import io.timberlog.core.internal.io.StrayInterrupts;
import io.timberlog.core.internal.io.ThreadJoin;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.wal.ProblemReporter;
import io.timberlog.core.internal.wal.SealedWalListener;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalFileHeader;
import io.timberlog.core.internal.wal.WalReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Turns completed WAL files into segments in the writing process, on a daemon thread of low priority,
 * and applies retention. WAL files come from the flusher ({@link SealedWalListener}) as they are
 * sealed, and at start from the WAL files an earlier run left (every file older than this run's
 * first). Files are converted in id order, one at a time ({@link WalConverter}).
 *
 * <p>It begins {@link #START_GRACE_NANOS} after the store opened (at once when the store closes
 * first, or when more files wait than {@link ConversionPacer#MAX_WAITING_FILES}): an application's
 * start is when it needs its CPU most, and an earlier run's WAL files, the manifest and retention
 * can wait that long; the files are readable all the while.
 *
 * <p>On {@link #close} it converts what is queued for at most the given time, then stops; a conversion
 * cut short leaves its WAL file, which the next start converts.
 *
 * <p>Thread-safe: {@link #walCompleted} is called by the flusher; everything else by the store.
 */
public final class SegmentManager implements SealedWalListener {
    private static final long IDLE_NANOS = 1_000_000_000L;
    static final long START_GRACE_NANOS = 2_000_000_000L;
    private static final long RETENTION_INTERVAL_NANOS = 60_000_000_000L;
    private static final long RETRY_NANOS = 10_000_000_000L;

    private final Path store;
    private final ProblemReporter problems;
    private final ManifestHolder manifests;
    private final WalConverter converter;
    private final Retention retention;
    private volatile ConversionPacer pacer;
    /** True until the manager's thread has read the manifest (see {@link #openInBackground}). */
    private volatile boolean loadInBackground;
    private long firstWalIdOfRun;
    private final java.util.concurrent.atomic.AtomicLong shedFiles = new java.util.concurrent.atomic.AtomicLong();
    /** WAL files waiting, by id; guarded by itself. */
    private final TreeMap<Long, Path> queue = new TreeMap<>();
    private Thread thread;
    private volatile boolean closing;
    private volatile boolean stopped;
    private volatile boolean busy;

    SegmentManager(Path store, ProblemReporter problems, Manifest manifest, Retention retention,
                   ConversionStep.Listener steps) {
        this.store = store;
        this.problems = problems;
        this.manifests = new ManifestHolder(store, manifest);
        this.converter = new WalConverter(store, manifests, problems, steps);
        this.retention = retention;
    }

    /**
     * Prepares the segments of a store whose lock the caller holds: takes the manifest (storing a
     * rebuilt one, with a warning), and cleans up what a crash left.
     */
    public static SegmentManager open(StoreOptions options, ManifestLoader.Loaded loaded) throws IOException {
        return open(options, loaded, ConversionStep.Listener.NONE);
    }

    static SegmentManager open(StoreOptions options, ManifestLoader.Loaded loaded, ConversionStep.Listener steps)
            throws IOException {
        ProblemReporter problems = new ProblemReporter(options.problemListener());
        Path store = options.directory();
        SegmentManager manager = new SegmentManager(store, problems, loaded.manifest,
                new Retention(options.maxTotalSize(), options.maxAge()), steps);
        if (loaded.rebuilt()) {
            problems.report("manifest", loaded.warning, null);
            manager.manifests.update(loaded.manifest);
        }
        StoreCleanup.run(store, manager.manifests, problems);
        return manager;
    }

    /**
     * Like {@link #open(StoreOptions, ManifestLoader.Loaded)}, but the manifest is read and the store
     * cleaned up on the manager's own thread, before its first conversion: reading manifest.json and
     * listing the store's files cost a cold JVM milliseconds that an application's start should not pay. Only
     * for a writer whose ids and sequence numbers come from wal.meta, which is never behind the
     * manifest (it names the current file before any file below it can be converted; a compaction, which
     * converts the file it names too, raises it afterwards).
     */
    public static SegmentManager openInBackground(StoreOptions options) {
        SegmentManager manager = new SegmentManager(options.directory(), new ProblemReporter(options.problemListener()),
                null, new Retention(options.maxTotalSize(), options.maxAge()), ConversionStep.Listener.NONE);
        manager.loadInBackground = true;
        return manager;
    }

    /** The manifest as of now; for a manager opened in the background, only after {@link #start}'s thread read it. */
    public Manifest manifest() {
        return manifests.current();
    }

    /** Reads the manifest and cleans up, on the manager's thread, for {@link #openInBackground}. */
    private void loadAndCleanUp() throws IOException {
        ManifestLoader.Loaded loaded = ManifestLoader.load(store);
        manifests.initialize(loaded.manifest);
        if (loaded.rebuilt()) {
            manifests.update(loaded.manifest);
            problems.report("manifest", loaded.warning, null); // once the rebuilt manifest is on disk
        }
        if (loaded.manifest.highestWalId() >= firstWalIdOfRun) {
            problems.report("wal-ids", "manifest.json lists WAL ids up to " + loaded.manifest.highestWalId()
                    + " but wal.meta let this run start at " + firstWalIdOfRun + ": wal.meta was behind; "
                    + "WAL files of this run whose ids the manifest already lists are taken for converted and "
                    + "deleted: the events in them are lost", null);
        }
        StoreCleanup.run(store, manifests, problems);
        loadInBackground = false;
    }

    /** Queues the WAL files older than {@code firstWalIdOfRun} (an earlier run's) and starts the thread. */
    public void start(long firstWalIdOfRun) throws IOException {
        this.firstWalIdOfRun = firstWalIdOfRun;
        converter.keepFilesWalMetaIsBehind(); // started by a writer, whose next run trusts wal.meta
        enqueueLeftovers(firstWalIdOfRun);
        thread = StoreThreads.create(this::run, "timberlog-segments");
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void enqueueLeftovers(long belowWalId) throws IOException {
        for (Path wal : WalFiles.list(store)) {
            long id = WalFiles.idOf(wal);
            if (id < belowWalId) {
                enqueue(id, wal);
            }
        }
    }

    @Override
    public void walCompleted(long walId, Path file) {
        enqueue(walId, file);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void enqueue(long walId, Path file) {
        synchronized (queue) {
            queue.put(walId, file);
        }
    }

    /** Lets conversion wait while the writer is busy (see {@link ConversionPacer}); call before {@link #start}. */
    public void paceBy(java.util.function.LongSupplier appendedEvents) {
        this.pacer = new ConversionPacer(appendedEvents);
    }

    private boolean mayConvertNow() {
        ConversionPacer p = pacer;
        int waiting = queueSize();
        return closing || p == null || waiting == 0 || !p.shouldWait(waiting, System.nanoTime());
    }

    private void run() {
        awaitStartGrace();
        long nextRetention = 0;
        while (!stopped) {
            try {
                StrayInterrupts.clear();
                if (loadInBackground) {
                    loadAndCleanUp();
                }
                // Before a conversion too: at a start, the backlog a crashed run left may already be over
                // maxTotalSize, and a process that crashes again before its first conversion ends (a crash
                // loop) would otherwise never shed it.
                long start = System.nanoTime();
                if (start - nextRetention >= 0) {
                    applyRetention();
                    nextRetention = start + RETENTION_INTERVAL_NANOS;
                }
                Map.Entry<Long, Path> next = null;
                boolean mayConvert = mayConvertNow();
                synchronized (queue) {
                    if (mayConvert) {
                        next = queue.pollFirstEntry();
                    }
                    busy = next != null;
                }
                if (next != null) {
                    if (!convert(next.getKey(), next.getValue())) {
                        continue;
                    }
                    nextRetention = 0;
                }
                long now = System.nanoTime();
                if (now - nextRetention >= 0) {
                    applyRetention();
                    nextRetention = now + RETENTION_INTERVAL_NANOS;
                }
                if (next == null) {
                    if (closing) {
                        // read again: the last file may have come while retention ran
                        if (queueIsEmpty()) {
                            return;
                        }
                        continue;
                    }
                    LockSupport.parkNanos(this, IDLE_NANOS);
                }
            } catch (Throwable t) {
                problems.report("segments", "the segment manager hit an unexpected error; it goes on", t);
                LockSupport.parkNanos(this, RETRY_NANOS);
            } finally {
                busy = false;
            }
        }
    }

    private void awaitStartGrace() {
        long end = System.nanoTime() + START_GRACE_NANOS;
        for (long left = START_GRACE_NANOS; left > 0 && !closing && !stopped && queueSize() <= ConversionPacer.MAX_WAITING_FILES;
                left = end - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    private int queueSize() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private boolean queueIsEmpty() {
        synchronized (queue) {
            return queue.isEmpty();
        }
    }

    /** Converts one file; false when it was stopped or failed (the file is queued again or left for the next start). */
    private boolean convert(long walId, Path wal) {
        try {
            if (!isConvertible(wal)) {
                return true;
            }
            if (!converter.convert(walId, wal, () -> stopped)) {
                return false;
            }
            problems.clear("convert");
            return true;
        } catch (IOException | RuntimeException e) {
            problems.report("convert", "converting WAL file " + wal + " into a segment failed; it stays as it is "
                    + "and is tried again", e);
            if (!closing) {
                LockSupport.parkNanos(this, RETRY_NANOS);
                enqueue(walId, wal);
            }
            return false;
        }
    }

    /**
     * Only files with a valid header are converted: an all-zero file is deleted, and a file whose header
     * is damaged or of a newer version stays for the readers to report.
     */
    private boolean isConvertible(Path wal) throws IOException {
        if (!Files.exists(wal)) {
            return false;
        }
        WalFileHeader.Status status;
        long headerId = -1;
        try (WalReader reader = WalReader.open(wal)) {
            status = reader.headerStatus();
            if (status == WalFileHeader.Status.VALID) {
                headerId = reader.header().walId();
            } else if (status == WalFileHeader.Status.EMPTY && !reader.isBlank()) {
                status = WalFileHeader.Status.INVALID; // a lost header, records further in
            }
        }
        if (status == WalFileHeader.Status.VALID && headerId != WalFiles.idOf(wal)) {
            problems.report("unconvertible", "WAL file " + wal + " holds WAL file " + headerId + " (a copy, or a "
                    + "file renamed by hand); it is not converted and stays for readers to report", null);
            return false;
        }
        if (status == WalFileHeader.Status.EMPTY) {
            Files.deleteIfExists(wal);
            return false;
        }
        if (status != WalFileHeader.Status.VALID) {
            problems.report("unconvertible", "WAL file " + wal + " has no valid header; it is not converted and "
                    + "stays for readers to report", null);
            return false;
        }
        return true;
    }

    /** Deletes what retention says, the manifest first, so a crash in between only leaves orphans. */
    private void applyRetention() throws IOException {
        Manifest manifest = manifests.current();
        long walBytes = 0;
        for (Path wal : WalFiles.list(store)) {
            walBytes += sizeOrZero(wal);
        }
        List<ManifestEntry> expired = retention.expired(manifest, walBytes, System.currentTimeMillis() * 1_000_000L,
                this::writtenEpochNanos);
        if (!expired.isEmpty()) {
            manifests.update(manifest.without(expired));
            for (ManifestEntry e : expired) {
                Path file = SegmentLocator.locate(store, e.file());
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            }
            FileOps.forceDirectory(SegmentFiles.directory(store));
        }
        shedBacklog(walBytes);
    }

    /** When a segment's file was last written; {@link Long#MAX_VALUE} when that cannot be told. */
    private long writtenEpochNanos(ManifestEntry e) {
        try {
            Path file = SegmentLocator.locate(store, e.file());
            return file == null ? Long.MAX_VALUE : Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
        } catch (IOException | RuntimeException cannotTell) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * When the WAL files waiting for conversion alone make the store too big (the writer outran the
     * conversion for long), deletes the oldest of them and says so: the disk stays bounded and the
     * newest events are kept.
     */
    private void shedBacklog(long walBytes) throws IOException {
        List<Map.Entry<Long, Path>> waiting;
        synchronized (queue) {
            waiting = new ArrayList<>(queue.entrySet());
        }
        List<Long> sizes = new ArrayList<>();
        long waitingBytes = 0;
        for (Map.Entry<Long, Path> e : waiting) {
            long size = sizeOrZero(e.getValue());
            sizes.add(size);
            waitingBytes += size;
        }
        long otherBytes = manifests.current().totalSize() + walBytes - waitingBytes;
        int shed = retention.backlogToShed(sizes, otherBytes);
        if (shed == 0) {
            return;
        }
        long bytes = 0;
        for (int i = 0; i < shed; i++) {
            Map.Entry<Long, Path> e = waiting.get(i);
            synchronized (queue) {
                queue.remove(e.getKey());
            }
            bytes += sizes.get(i);
            Files.deleteIfExists(e.getValue());
        }
        FileOps.forceDirectory(WalFiles.directory(store));
        shedFiles.addAndGet(shed);
        problems.report("shed", "the writer outran the conversion into segments for long: deleted the " + shed
                + " oldest WAL file(s) waiting to be converted (" + bytes + " bytes, from " + waiting.get(0).getValue()
                .getFileName() + ") to keep the store within maxTotalSize; their events are lost", null);
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // deleted meanwhile
        }
    }

    /** WAL files deleted unconverted to keep the store within its size. */
    public long shedFiles() {
        return shedFiles.get();
    }

    /**
     * Converts every queued file on the calling thread (no background thread is started): the offline
     * compaction. Returns how many WAL files were converted.
     */
    public int convertAllNow(long belowWalId) throws IOException {
        enqueueLeftovers(belowWalId);
        int converted = 0;
        while (true) {
            Map.Entry<Long, Path> next;
            synchronized (queue) {
                next = queue.pollFirstEntry();
            }
            if (next == null) {
                break;
            }
            if (isConvertible(next.getValue()) && converter.convert(next.getKey(), next.getValue(), () -> false)) {
                converted++;
            }
        }
        applyRetention();
        return converted;
    }

    /**
     * Converts what is queued for at most {@code timeout}, then stops the thread; returns true when
     * everything queued was converted.
     */
    public boolean close(Duration timeout) {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        closing = true;
        LockSupport.unpark(t);
        ThreadJoin.await(t, timeout.toNanos());
        stopped = true;
        LockSupport.unpark(t);
        // A conversion checks for the stop between events: this returns quickly.
        ThreadJoin.await(t, 10_000_000_000L);
        return queueIsEmpty() && !busy;
    }
}
