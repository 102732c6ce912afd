package io.timberlog.core.internal.wal;

import io.timberlog.core.RunInfo;
import io.timberlog.core.StoreLockedException;
import io.timberlog.core.internal.io.FileOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer-per-directory rule: an exclusive OS lock on {@code <store>/lock}, whose content
 * names the holder (pid, host, start) so that a second process can say who has it.
 *
 * <p>POSIX record locks belong to the process and are released when the process closes <em>any</em>
 * descriptor of the locked file. So this class is the only code that opens the lock file while it
 * is held, and stores opened twice in one JVM are refused by a registry before the file is touched.
 *
 * <p>Thread-safe.
 */
public final class StoreLock implements AutoCloseable {
    public static final String FILE_NAME = "lock";
    private static final int MAX_HOST_CHARS = 255;
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code store} for {@code run}, or throws {@link StoreLockedException} naming the holder. */
    public static StoreLock acquire(Path store, RunInfo run) throws IOException {
        Path key = store.toRealPath();
        if (!HELD_IN_THIS_JVM.add(key)) {
            throw new StoreLockedException(store, run.pid(), "this process (pid " + run.pid() + "): the store is already open");
        }
        FileChannel channel = null;
        try {
            channel = FileOps.openOrCreate(key.resolve(FILE_NAME));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                channel = null;
                throw lockedBy(store, key.resolve(FILE_NAME));
            }
            writeHolder(channel, run);
            return new StoreLock(key, channel, lock);
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            HELD_IN_THIS_JVM.remove(key);
            throw e;
        }
    }

    private static void writeHolder(FileChannel channel, RunInfo run) throws IOException {
        // Epoch milliseconds, not ISO text: java.time's formatting costs the application's start ~10 ms;
        // the process that reports the holder formats it.
        String text = "pid=" + run.pid() + "\nhost=" + run.host() + "\nstartedMillis="
                + run.startEpochNanos() / 1_000_000 + "\n";
        channel.truncate(0);
        FileOps.writeFully(channel, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    }

    /** Reads who holds the lock; safe in this process because it does not hold the lock. */
    private static StoreLockedException lockedBy(Path store, Path lockFile) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(readPrefix(lockFile)));
        } catch (NoSuchFileException e) {
            // Deleted in between; the holder stays unknown.
        } catch (IOException | IllegalArgumentException e) {
            // Unreadable content: the holder stays unknown.
        }
        long pid;
        try {
            pid = Long.parseLong(p.getProperty("pid", "-1").trim());
        } catch (NumberFormatException e) {
            pid = -1;
        }
        if (pid < 0) {
            pid = -1;
        }
        String description = pid < 0 ? "another process" : "pid " + pid
                + (p.getProperty("host") != null ? " on host " + printable(p.getProperty("host")) : "")
                + since(p.getProperty("startedMillis"));
        return new StoreLockedException(store, pid, description);
    }

    /**
     * The host name as the file has it, safe to print: the message reaches consoles through the frameworks'
     * status channels, and the file is anyone's to write. Control and bidi formatting characters become
     * '?', and the name is cut at 255 chars (the longest a host name is).
     */
    private static String printable(String host) {
        StringBuilder sb = new StringBuilder(Math.min(host.length(), MAX_HOST_CHARS));
        for (int i = 0; i < host.length() && sb.length() < MAX_HOST_CHARS; i++) {
            char c = host.charAt(i);
            sb.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        return sb.toString();
    }

    private static String since(String startedMillis) {
        try {
            return startedMillis == null ? "" : " since " + Instant.ofEpochMilli(Long.parseLong(startedMillis.trim()));
        } catch (NumberFormatException e) {
            return "";
        }
    }

    /** The first 4 KiB of the lock file: its content comes from disk and is not trusted to be small. */
    private static String readPrefix(Path lockFile) throws IOException {
        try (FileChannel ch = FileChannel.open(lockFile, java.nio.file.StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            int n = FileOps.readFully(ch, buf, 0);
            return new String(buf.array(), 0, n, StandardCharsets.UTF_8);
        }
    }

    /** True while the lock file still exists and this process holds it. */
    public boolean isValid() {
        return lock.isValid() && Files.exists(key.resolve(FILE_NAME));
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close(); // releases the lock
        } finally {
            HELD_IN_THIS_JVM.remove(key);
        }
    }
}
