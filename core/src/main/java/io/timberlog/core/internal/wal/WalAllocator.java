package io.timberlog.core.internal.wal;

import io.timberlog.core.internal.io.FileOps;
import io.timberlog.core.internal.io.Mapping;
import io.timberlog.core.internal.io.StoreThreads;
import io.timberlog.core.internal.io.StrayInterrupts;
import io.timberlog.core.internal.io.ThreadJoin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Prepares the next WAL file ahead of time, on its own daemon thread, so that rotation never waits
 * for the disk. A prepared file has real blocks: it is written with zeros, not made sparse by
 * setting its length, because writing into an unallocated page of a mapping on a full disk kills
 * the JVM with SIGBUS. Zeros also mean "not yet published" to readers.
 *
 * <p>Files grow from a small first one (fast to create at start-up, small for quiet applications)
 * by a factor of 4 up to the maximum WAL size.
 *
 * <p>Thread-safe.
 */
final class WalAllocator {
    private static final int ZERO_CHUNK = 1 << 20;
    /**
     * The zeros every allocator writes from: one buffer for the JVM (read only; each write takes a view of
     * its own). A buffer per allocator would keep 1 MiB of direct memory per closed store until a garbage
     * collection, and an application that reconfigures its logging under a small MaxDirectMemorySize and
     * DisableExplicitGC would get an OutOfMemoryError out of its configuration.
     */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_CHUNK).asReadOnlyBuffer();
    private static final long RETRY_NANOS = 1_000_000_000L;

    private final Path store;
    private final long maxSize;
    private final LongSupplier nextWalId;
    private final ProblemReporter problems;
    private final Runnable onReady;
    private final WalIo io;
    private final AtomicReference<PreparedWal> spare = new AtomicReference<>();
    private volatile long nextSize;
    private volatile boolean stopped;
    private volatile boolean failing;
    private Thread thread;

    WalAllocator(Path store, long initialSize, long maxSize, LongSupplier nextWalId, ProblemReporter problems,
                 Runnable onReady, WalIo io) {
        this.store = store;
        this.maxSize = maxSize;
        this.nextSize = initialSize;
        this.nextWalId = nextWalId;
        this.problems = problems;
        this.onReady = onReady;
        this.io = io;
    }

    /** The size of the first file of a run; later files grow from it. */
    long firstSize() {
        long size = nextSize;
        nextSize = Math.min(maxSize, size * 4);
        return size;
    }

    /**
     * Creates, zero-fills and maps a file of {@code size} bytes, on the calling thread. The zeros are not
     * forced: writing them is what makes the file system reserve the blocks (so a full disk fails here,
     * not later in the mapping), and the data written over them in the page cache usually reaches the
     * disk instead of them. The flusher forces the directory entry once the file is in use.
     */
    synchronized PreparedWal prepare(long size) throws IOException {
        FileOps.createDirectories(WalFiles.directory(store)); // it may have been deleted under us
        long walId = nextWalId.getAsLong();
        Path path = WalFiles.path(store, walId);
        boolean done = false;
        try (FileChannel channel = io.createWalFile(path)) {
            ByteBuffer zeros = ZEROS.duplicate();
            for (long p = 0; p < size; ) {
                zeros.clear();
                zeros.limit((int) Math.min(ZERO_CHUNK, size - p));
                p += channel.write(zeros, p);
            }
            Mapping mapping = Mapping.map(channel, size);
            done = true;
            return new PreparedWal(walId, path, mapping);
        } finally {
            if (!done) {
                Files.deleteIfExists(path);
            }
        }
    }

    void start() {
        thread = StoreThreads.create(this::run, "timberlog-wal-allocator");
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        thread.start();
    }

    private void run() {
        while (!stopped) {
            StrayInterrupts.clear();
            if (spare.get() == null) {
                try {
                    long size = nextSize;
                    PreparedWal prepared = prepare(size);
                    nextSize = Math.min(maxSize, size * 4);
                    if (failing) {
                        failing = false;
                        problems.clear("allocate");
                    }
                    if (stopped || !spare.compareAndSet(null, prepared)) {
                        discard(prepared);
                    } else {
                        onReady.run();
                    }
                } catch (IOException | RuntimeException e) {
                    failing = true;
                    problems.report("allocate", "cannot create the next WAL file in " + store
                            + ": events are dropped once the current file is full, until this clears", e);
                    LockSupport.parkNanos(this, RETRY_NANOS);
                }
            } else {
                LockSupport.parkNanos(this, RETRY_NANOS);
            }
        }
    }

    /** The prepared file, or {@code null} when none is ready; asks for the next one. */
    PreparedWal take() {
        PreparedWal prepared = spare.getAndSet(null);
        if (prepared != null && !Files.exists(prepared.path)) {
            discard(prepared); // deleted under us: preparing another is the only safe way
            prepared = null;
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
        return prepared;
    }

    /** True while the last attempt to prepare a file failed (disk full, no permission). */
    boolean isFailing() {
        return failing;
    }

    /** Stops the thread and deletes an unused prepared file. */
    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            ThreadJoin.await(t, 5_000_000_000L);
        }
        PreparedWal prepared = spare.getAndSet(null);
        if (prepared != null) {
            discard(prepared);
        }
    }

    private static void discard(PreparedWal prepared) {
        prepared.mapping.unmap();
        try {
            Files.deleteIfExists(prepared.path);
        } catch (IOException e) {
            // An all-zero file is skipped by readers and deleted by the next recovery.
        }
    }
}
