package io.timberlog.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Tells a child JVM ({@link ChildMain}) that is frozen below Java from one that is merely slow or stuck in
 * Java code, on Linux, from {@code /proc}.
 *
 * <p>Why: Debian's libfiu 1.1 ({@code fiu-run -x}) can deadlock the process it runs. Its preload library
 * resolves the real libc functions lazily, per thread, with {@code dlsym}; a thread that starts (its first
 * {@code realloc}, from {@code pthread_getattr_np}) can miss libfiu's failure-point cache and, holding the
 * cache's write lock, call {@code dlsym}, which waits for the dynamic linker's lock; meanwhile a thread
 * that links a native method on its first call holds that lock in {@code dlsym} and mallocs for the
 * "undefined symbol" message, which waits for libfiu's cache lock. From then on every thread that calls
 * a wrapped libc function (malloc, open, ...) blocks, the VM thread never completes its next safepoint,
 * and the JVM answers neither a thread dump request nor SIGTERM; {@link ChildMain}'s watchdog is frozen
 * too. The JVM creates threads and links natives most at its start and when the store opens, so that is
 * where children froze: 4 of about 780 on a 2-core machine (a JVM starting, and the store's threads
 * starting, the flusher linking {@code Files.exists}' native on its first call).
 *
 * <p>Frozen means: over {@link #WINDOW_NANOS}, the watchdog thread of {@link ChildMain}, which sleeps
 * 200 ms at a time and opens a /proc file each time, made no voluntary context switch (it blocks in
 * libfiu's wrapper of {@code fopen}), and the whole process used less than
 * {@link #MAX_CPU_TICKS} clock ticks of CPU (before the watchdog exists, the CPU alone decides: no code
 * of ours runs yet). Java code cannot do that: a deadlock between Java threads leaves the watchdog
 * running, and a thread spinning burns CPU.
 *
 * <p>Not thread-safe; one instance per child, asked from one thread.
 */
public final class FrozenProcess {
    static final long WINDOW_NANOS = 5_000_000_000L;
    /** 10 ms each (USER_HZ = 100): a JVM that runs anything at all uses more in 5 s. */
    static final long MAX_CPU_TICKS = 10;

    private final Path proc;
    private final long windowNanos;
    private long[] since;
    private long sinceNanos;

    public FrozenProcess(long pid) {
        this(pid, WINDOW_NANOS);
    }

    FrozenProcess(long pid, long windowNanos) {
        this.proc = Paths.get("/proc", Long.toString(pid));
        this.windowNanos = windowNanos;
    }

    /**
     * True when the process has been frozen for at least the window ({@link #WINDOW_NANOS}); false while it makes
     * progress, and where {@code /proc} does not tell (not Linux, process gone). Call it regularly.
     */
    public boolean frozen() {
        long now = System.nanoTime();
        long[] s = sample();
        if (s == null) {
            since = null;
            return false;
        }
        if (since == null || s[1] != since[1] || s[0] - since[0] >= MAX_CPU_TICKS) {
            since = s; // it moved: the window starts again
            sinceNanos = now;
            return false;
        }
        return now - sinceNanos >= windowNanos;
    }

    /** {CPU ticks of the process, voluntary context switches of the watchdog}, or null when unknown. */
    private long[] sample() {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // pid (comm) state ppid ... : utime and stime are fields 14 and 15, the 12th and 13th after ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long switches = -1;
            String name = ChildMain.WATCHDOG_THREAD.substring(0, Math.min(15, ChildMain.WATCHDOG_THREAD.length()));
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
                for (Path task : tasks) {
                    if (Files.readString(task.resolve("comm")).trim().equals(name)) {
                        switches = voluntarySwitches(task);
                        break;
                    }
                }
            }
            return new long[] {cpu, switches}; // -1: no watchdog yet, the JVM froze before ChildMain ran
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long voluntarySwitches(Path task) throws IOException {
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return -1;
    }
}
