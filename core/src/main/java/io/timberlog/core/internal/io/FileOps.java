package io.timberlog.core.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * File system operations with the guarantees a store needs: files readable by owner and group only
 * (0640, directories 0750; the process umask still applies, so a stricter umask wins), writes that
 * loop until every byte is written, directories forced after a create or rename so the entry
 * survives a power loss, and atomic replacement of small metadata files.
 */
public final class FileOps {
    private static final boolean POSIX = java.nio.file.FileSystems.getDefault()
            .supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r-----");
    private static final Set<PosixFilePermission> DIR_PERMISSIONS = PosixFilePermissions.fromString("rwxr-x---");

    private FileOps() {
    }

    /** Creates {@code dir} and missing parents with mode 0750 (parents that exist are left as they are). */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        try {
            if (POSIX) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_PERMISSIONS));
            } else {
                Files.createDirectory(dir);
            }
            forceDirectory(dir.toAbsolutePath().getParent());
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** Opens a new file with mode 0640 for reading and writing; fails if it exists. */
    public static FileChannel createNew(Path file) throws IOException {
        EnumSet<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return FileChannel.open(file, options, fileAttributes());
    }

    /** Opens a file for reading and writing, creating it with mode 0640 if missing. */
    public static FileChannel openOrCreate(Path file) throws IOException {
        EnumSet<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return FileChannel.open(file, options, fileAttributes());
    }

    private static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)}
                : new FileAttribute<?>[0];
    }

    /** Writes all of {@code src} at {@code position}: {@link FileChannel#write} may write less than asked. */
    public static void writeFully(FileChannel channel, ByteBuffer src, long position) throws IOException {
        long p = position;
        while (src.hasRemaining()) {
            p += channel.write(src, p);
        }
    }

    /** Reads until {@code dst} is full or the file ends; returns the bytes read. */
    public static int readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Forces a directory so that files created, renamed or deleted in it survive a power loss. */
    public static void forceDirectory(Path dir) throws IOException {
        if (dir == null || !POSIX) {
            return; // Windows cannot open a directory as a channel; its NTFS journal covers renames.
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Replaces {@code target} with {@code content} atomically: write a temporary file beside it, force it,
     * rename it over the target, force the directory. A crash at any point leaves either the old or the
     * new content, never a mix.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel channel = createNew(tmp)) {
            writeFully(channel, ByteBuffer.wrap(content), 0);
            channel.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }
}
