package io.timberlog.core.internal.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A store as a power loss finds it, before the loss is applied: every file as the page cache holds it
 * (what a process crash would leave), what the forces had made durable of each WAL file, and how many
 * events had been synced.
 */
final class CrashImage {
    /** Every regular file under the store, by path relative to it ('/'-separated). */
    final Map<String, byte[]> files;
    /** What forces made durable of each WAL file, by WAL id; deleted files included. */
    final Map<Long, byte[]> durableWal;
    /** Events 0 .. syncedEvents-1 were appended before a sync() that returned true. */
    final long syncedEvents;
    /** Events 0 .. appendedEvents-1 were appended. */
    final long appendedEvents;
    /**
     * Taken in a conversion between its segment's rename and the manifest's replacement: a loss here
     * is the loss of the manifest's rename (the segment's may be lost as well).
     */
    final boolean beforeManifestReplaced;

    private CrashImage(Map<String, byte[]> files, Map<Long, byte[]> durableWal, long syncedEvents,
                       long appendedEvents, boolean beforeManifestReplaced) {
        this.files = files;
        this.durableWal = durableWal;
        this.syncedEvents = syncedEvents;
        this.appendedEvents = appendedEvents;
        this.beforeManifestReplaced = beforeManifestReplaced;
    }

    static CrashImage capture(Path store, ForceRecordingIo io, long syncedEvents, long appendedEvents,
                              boolean beforeManifestReplaced) throws IOException {
        Map<Long, byte[]> durable = io.durableCopy(); // before the files: what was forced is in them too
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(store)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                files.put(store.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return new CrashImage(files, durable, syncedEvents, appendedEvents, beforeManifestReplaced);
    }
}
