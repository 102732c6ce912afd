package io.timberlog.core.internal.query;

import io.timberlog.core.LogStore;
import io.timberlog.core.internal.manifest.StoreSources;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Where stores are: which directories are stores, where the per-process fallback stores are, and what
 * a store takes on disk. The parts of one store are listed by {@link StoreSnapshot}.
 */
public final class StoreLayout {
    /** How deep below a root that is not a store itself stores are looked for (a fleet's directories). */
    private static final int SEARCH_DEPTH = 3;

    private StoreLayout() {
    }

    /** True when {@code dir} holds a store's files. */
    public static boolean isStore(Path dir) {
        return StoreSources.isStore(dir);
    }

    /**
     * The stores at or below {@code root}: the root itself when it is a store, else every store found
     * in its subdirectories (not below a store); each followed by its fallback stores. Sorted by path.
     */
    public static List<Path> findStores(Path root) throws IOException {
        List<Path> stores = new ArrayList<>();
        collect(root, SEARCH_DEPTH, stores);
        return stores;
    }

    private static void collect(Path dir, int depth, List<Path> stores) throws IOException {
        if (isStore(dir)) {
            stores.add(dir);
            stores.addAll(fallbackStores(dir));
            return;
        }
        if (depth == 0) {
            return;
        }
        for (Path child : sortedSubdirectories(dir)) {
            collect(child, depth - 1, stores);
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
            if (child.getFileName().toString().startsWith("pid-") && isStore(child)) {
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
        Path fallback = store.resolve(LogStore.FALLBACK_DIRECTORY);
        Files.walkFileTree(store, new SimpleFileVisitor<Path>() {
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
