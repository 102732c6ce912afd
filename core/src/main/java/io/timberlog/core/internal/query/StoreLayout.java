package io.timberlog.core.internal.query;

import io.timberlog.core.LogStore;
import io.timberlog.core.internal.manifest.ManifestFile;
import io.timberlog.core.internal.manifest.StoreSources;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalMeta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where stores are: which directories are stores, where the per-process fallback stores are, and what
 * a store takes on disk. The parts of one store are listed by {@link StoreSnapshot}.
 */
public final class StoreLayout {
    /** How a manifest of ours starts (FORMAT.md, "manifest.json"): what tells it from another program's. */
    private static final byte[] MANIFEST_START = ("{\"format\":\"" + ManifestFile.FORMAT + "\"").getBytes(StandardCharsets.US_ASCII);

    private StoreLayout() {
    }

    /** True when {@code dir} holds a store's files. */
    public static boolean isStore(Path dir) {
        return StoreSources.isStore(dir);
    }

    /**
     * The stores at or below {@code root}: the root itself when it is a store, else every store found
     * below it, however deep (not below a store); each followed by its fallback stores. Sorted by path.
     * A directory reached twice (through a symbolic link, or a link that loops) is searched once, so
     * that no store is read twice.
     */
    public static List<Path> findStores(Path root) throws IOException {
        List<Path> stores = new ArrayList<>();
        if (isStore(root)) {
            stores.add(root);
            stores.addAll(fallbackStores(root));
            return stores;
        }
        Set<Path> searched = new HashSet<>();
        searched.add(root.toRealPath());
        collect(root, searched, stores);
        return stores;
    }

    private static void collect(Path dir, Set<Path> searched, List<Path> stores) throws IOException {
        for (Path child : sortedSubdirectories(dir)) {
            Path real;
            try {
                real = child.toRealPath();
            } catch (NoSuchFileException | AccessDeniedException gone) {
                continue; // a link to nothing, or a directory that went or may not be looked at
            }
            if (!searched.add(real)) {
                continue;
            }
            if (holdsStoreFiles(child)) {
                stores.add(child);
                stores.addAll(fallbackStores(child));
            } else {
                collect(child, searched, stores);
            }
        }
    }

    /**
     * True when {@code dir}, found below a root, is a store: it has a {@code wal.meta}, WAL files or
     * segment files, or a manifest of ours. Stricter than {@link #isStore}, which takes a directory the
     * user named at its word: below a root, another program's {@code manifest.json} or an empty
     * {@code segments/} directory is no store to read (or to report damaged).
     */
    static boolean holdsStoreFiles(Path dir) throws IOException {
        return WalMeta.exists(dir) || hasFile(WalFiles.directory(dir), "wal_*.wal")
                || hasFile(SegmentFiles.directory(dir), "segment_*.log") || isOurManifest(ManifestFile.path(dir));
    }

    private static boolean hasFile(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            return files.iterator().hasNext();
        } catch (AccessDeniedException e) {
            return true; // a store's directory we may not read: reading it says so
        }
    }

    private static boolean isOurManifest(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MANIFEST_START.length), MANIFEST_START);
        } catch (AccessDeniedException e) {
            return true;
        }
    }

    /** The per-process stores that {@link LogStore#openWithFallback} put inside {@code store}. */
    public static List<Path> fallbackStores(Path store) throws IOException {
        List<Path> found = new ArrayList<>();
        Path dir = store.resolve(LogStore.FALLBACK_DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return found;
        }
        for (Path child : sortedSubdirectories(dir)) {
            if (child.getFileName().toString().startsWith("pid-") && holdsStoreFiles(child)) {
                found.add(child);
            }
        }
        return found;
    }

    private static List<Path> sortedSubdirectories(Path dir) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (Files.isDirectory(p)) {
                    dirs.add(p);
                }
            }
        } catch (java.nio.file.AccessDeniedException e) {
            return dirs; // a directory we may not read holds no store we could read
        }
        dirs.sort(null);
        return dirs;
    }

    /**
     * Bytes taken by the files of {@code store}, not counting the fallback stores inside it. Files that
     * go while they are counted (a WAL file converted, a segment deleted by retention) take no room.
     */
    public static long bytesOnDisk(Path store) throws IOException {
        long[] total = {0};
        // the real path: a store reached through a symbolic link is the link's target, not the link
        Path real = store.toRealPath();
        Path fallback = real.resolve(LogStore.FALLBACK_DIRECTORY);
        Files.walkFileTree(real, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return dir.equals(fallback) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    total[0] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return total[0];
    }
}
