package io.timberlog.core;

import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.io.ProcessInfo;
import io.timberlog.core.internal.manifest.Manifest;
import io.timberlog.core.internal.manifest.ManifestLoader;
import io.timberlog.core.internal.manifest.SegmentManager;
import io.timberlog.core.internal.wal.ProblemReporter;
import io.timberlog.core.internal.wal.StoreLock;
import io.timberlog.core.internal.wal.WalMeta;
import io.timberlog.core.internal.wal.WalWriter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;

/**
 * A store opened for writing: the entry point for appenders and the agent.
 *
 * <pre>{@code
 * LogStore store = LogStore.open(StoreOptions.builder(Paths.get("/var/log/app/timberlog")).build());
 * CapturedEvent event = new CapturedEvent();          // one per thread, reused
 * store.append(event.reset().level(Level.INFO).logger("orders").message("order {} took {} ms", MessageStyle.SLF4J)
 *         .addArgument(42).addArgument(17));
 * store.close();
 * }</pre>
 *
 * <p>An event whose {@link #append} returned true is in the operating system's page cache: it
 * survives the death of the process, however it dies. What a power loss can take is set by the
 * {@link FsyncPolicy}. Only one process writes a store directory at a time; a second one gets a
 * {@link StoreLockedException} that names the holder.
 *
 * <p>Thread-safe: any number of threads append at once, without a lock.
 */
public final class LogStore implements AutoCloseable {
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final StoreOptions options;
    private final RunInfo run;
    private final StoreLock lock;
    private final WalWriter writer;
    private final SegmentManager segments;

    private LogStore(StoreOptions options, RunInfo run, StoreLock lock, WalWriter writer, SegmentManager segments) {
        this.options = options;
        this.run = run;
        this.lock = lock;
        this.writer = writer;
        this.segments = segments;
    }

    /**
     * Opens (creating when missing) the store directory for writing, as a new run.
     *
     * @throws StoreLockedException when another process, or another store in this process, writes it
     * @throws UnsupportedFormatException when the store was written by a newer TimberLog
     * @throws IOException when the directory cannot be created or written
     */
    public static LogStore open(StoreOptions options) throws IOException {
        // A channel operation on an interrupted thread closes the channel and fails: an application whose
        // logging starts on an interrupted thread (a task being cancelled) would get no store, or one whose
        // wal.meta channel is closed for good. The flag is cleared while opening and set again after.
        boolean interrupted = Thread.interrupted();
        try {
            return openNewRun(options);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static LogStore openNewRun(StoreOptions options) throws IOException {
        Path dir = options.directory();
        FileOps.createDirectories(dir);
        if (WalMeta.isNewerVersion(dir)) {
            throw new UnsupportedFormatException(dir + " was written by a newer version of TimberLog");
        }
        long nowNanos = toEpochNanos(Instant.now());
        RunInfo run = new RunInfo(nowNanos, ProcessInfo.pid(), ProcessInfo.hostName(), ProcessInfo.runNonce());
        StoreLock lock = StoreLock.acquire(dir, run);
        try {
            SegmentManager segments;
            long minWalId = 1;
            long minSequence = 0;
            if (WalMeta.read(dir) != null) {
                // wal.meta and the WAL files give the ids and sequence numbers to go on from; the manifest
                // is read on the segment manager's thread, off the application's start.
                segments = SegmentManager.openInBackground(options);
            } else {
                // Without wal.meta, segments may hold the only record of the ids and sequence numbers used.
                segments = SegmentManager.open(options, ManifestLoader.load(dir));
                Manifest manifest = segments.manifest();
                minWalId = manifest.highestWalId() + 1;
                minSequence = manifest.highestSequence() + 1;
            }
            WalWriter writer = WalWriter.open(options, run, minWalId, minSequence, segments);
            try {
                // The run's first file exists now: every WAL file below it is an earlier run's, to convert.
                segments.paceBy(writer::nextSequence);
                segments.start(writer.currentWalId());
            } catch (IOException | RuntimeException e) {
                writer.close(0);
                throw e;
            }
            warnIfSizeCannotBeMet(options);
            return new LogStore(options, run, lock, writer, segments);
        } catch (IOException | RuntimeException | Error e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * A size limit under two WAL files cannot be met: the current file and the one made ahead take that
     * much, and retention deletes each segment as soon as it is written. Said, not refused: the store
     * works, it only keeps little more than the current file's events.
     */
    private static void warnIfSizeCannotBeMet(StoreOptions options) {
        long total = options.maxTotalSize();
        if (total > 0 && total / 2 < options.maxWalSize()) {
            ProblemReporter.tell(options.problemListener(), "maxTotalSize (" + total + " bytes) is less than two WAL "
                    + "files of maxWalSize (" + options.maxWalSize() + " bytes): the store takes up to two WAL files all "
                    + "the same and keeps little more than the current one's events; make maxTotalSize several "
                    + "times maxWalSize", null);
        }
    }

    /**
     * Opens the store, or, when another process already writes it, a per-process store inside it at
     * {@code <dir>/fallback/pid-<pid>} (reported to the problem listener as a warning). Readers given
     * the main directory read the fallback stores with it. This is what the appenders and the agent
     * use, so that a second application pointed at the same directory keeps its logs.
     */
    public static LogStore openWithFallback(StoreOptions options) throws IOException {
        try {
            return open(options);
        } catch (StoreLockedException e) {
            Path fallback = fallbackDirectory(options.directory(), ProcessInfo.pid());
            ProblemReporter.tell(options.problemListener(), "store " + options.directory() + " is already written by "
                    + e.holderDescription() + "; this process writes to " + fallback + " instead, which is read "
                    + "together with the main store", null);
            return open(options.toBuilder().directory(fallback).build());
        }
    }

    /** Where {@link #openWithFallback} puts the store of process {@code pid} when {@code main} is taken. */
    public static Path fallbackDirectory(Path main, long pid) {
        return main.resolve(FALLBACK_DIRECTORY).resolve("pid-" + pid);
    }

    /** Name of the directory inside a store that holds the per-process fallback stores. */
    public static final String FALLBACK_DIRECTORY = "fallback";

    private static long toEpochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /**
     * Appends one event. Returns true when it is stored (safe from a process crash), false when it was
     * dropped and counted. Never throws and never blocks longer than the overload and force bounds.
     */
    public boolean append(CapturedEvent event) {
        return writer.append(event);
    }

    /** Counts, records and reports an event a front-end dropped as nested too deep ({@link ManagedStore#dropNested}). */
    void dropNested() {
        writer.dropNested();
    }

    /** Forces everything appended so far to disk, waiting up to {@code maxForceWait}; true when done. */
    public boolean sync() {
        return writer.sync();
    }

    public RunInfo run() {
        return run;
    }

    public Path directory() {
        return options.directory();
    }

    public StoreOptions options() {
        return options;
    }

    public StoreStats stats() {
        return new StoreStats(writer.nextSequence(), writer.currentWalId(), writer.droppedEvents(),
                writer.problemCount(), writer.failedForces());
    }

    /** Closes with a timeout of 5 seconds; see {@link #close(Duration)}. */
    @Override
    public void close() throws IOException {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Stops accepting events, marks the run as ended cleanly, forces what was written, converts the
     * last WAL file into a segment (for at most {@link StoreOptions#closeConversionTimeout()}; the rest
     * is converted at the next start), and releases the directory. Appends after this return false.
     * Waits at most about {@code timeout} plus the conversion timeout.
     */
    public void close(Duration timeout) throws IOException {
        close(timeout, options.closeConversionTimeout());
    }

    /**
     * As {@link #close(Duration)}, converting the last WAL file for at most {@code conversionTimeout}
     * ({@link Duration#ZERO}: leave it for the next start, e.g. when the JVM is exiting and a fast exit
     * matters more than a tidy store; the events are as safe in the WAL file).
     */
    public void close(Duration timeout, Duration conversionTimeout) throws IOException {
        try {
            writer.close(timeout.toNanos());
        } finally {
            try {
                segments.close(conversionTimeout);
            } finally {
                lock.close();
            }
        }
    }
}
