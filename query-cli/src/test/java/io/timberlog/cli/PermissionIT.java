package io.timberlog.cli;

import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A store that the user may not read, or only partly: every command says "permission denied" and
 * names what it could not read, in one line with exit 2. Parts that cannot be looked at must never
 * pass for missing ones ("the events are lost") or for an empty store. Run as the user {@code nobody}
 * through {@code setpriv}, since no permission stops root, who runs the build here; skipped elsewhere.
 */
class PermissionIT {
    private static final Path SETPRIV = Paths.get("/usr/bin/setpriv");
    private static final List<String> READING_COMMANDS = List.of("query", "stats", "runs", "verify");

    @TempDir
    Path dir;
    private Path launcher;
    private Path store;

    @BeforeEach
    void storeWithSegmentsAndWalFiles() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(SETPRIV),
                "needs root and setpriv (util-linux) to run the command as another user");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        launcher = Launcher.install(dir.resolve("opt"));
        Path live = dir.resolve("live");
        SampleStore.write(live); // closed: converted into a segment
        store = dir.resolve("store");
        // a second run, copied while it writes: what a crash leaves, its events in a WAL file
        try (LogStore second = LogStore.open(StoreOptions.builder(live).problemListener((m, c) -> { }).build())) {
            new Cli.Writer(second).append(7, Level.INFO, "com.acme.Later", "a later run");
            try (Stream<Path> files = Files.walk(live)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path copy = store.resolve(live.relativize(p));
                    Files.copy(p, copy);
                    // readable by others: the store's own files are for the owner and group only
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        assertTrue(hasFile(store.resolve("segments")), "a segment");
        assertTrue(hasFile(store.resolve("wal")), "a WAL file");
    }

    @Test
    void readable_isReadByTheOtherUser() throws Exception {
        Launcher.Run r = asNobody(store.toString(), "-o", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(7, r.out().split("\n").length, r.out());
        assertTrue(r.out().contains("a later run"), r.out());
    }

    @Test
    void storeDirectoryThatCannotBeRead_isPermissionDenied() throws Exception {
        assertDenied(store, "---------", store);
    }

    @Test
    void segmentsDirectoryThatCannotBeSearched_isPermissionDenied_notLostSegments() throws Exception {
        Path segments = store.resolve("segments");
        assertDenied(segments, "rw-r--r--", segments.resolve("segment_000001.log"));
    }

    @Test
    void walDirectoryThatCannotBeSearched_isPermissionDenied_notALostWalFile() throws Exception {
        Path wal = store.resolve("wal");
        assertDenied(wal, "rw-r--r--", wal);
    }

    @Test
    void unreadableFiles_arePermissionDenied() throws Exception {
        List<Path> files = new ArrayList<>(List.of(store.resolve("manifest.json"), store.resolve("wal.meta")));
        files.add(firstFile(store.resolve("segments")));
        files.add(firstFile(store.resolve("wal")));
        for (Path file : files) {
            assertDenied(file, "---------", file);
        }
    }

    @Test
    void compact_ofAStoreTheUserMayNotWrite_isPermissionDenied() throws Exception {
        Launcher.Run r = asNobody("compact", store.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().split("\n").length, r.err());
        assertTrue(r.err().contains("permission denied"), r.err());
    }

    /** With {@code path} given {@code permissions}, every reading command says it may not read {@code named}. */
    private void assertDenied(Path path, String permissions, Path named) throws Exception {
        String before = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        try {
            for (String command : READING_COMMANDS) {
                Launcher.Run r = asNobody(command, store.toString());
                assertEquals(2, r.code(), command + " with " + path + " " + permissions + ": " + r.out() + r.err());
                assertEquals("timberlog: " + named + ": permission denied\n", r.err(),
                        command + " with " + path + " " + permissions);
            }
        } finally {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(before));
        }
    }

    private Launcher.Run asNobody(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
                launcher.toString()));
        command.addAll(List.of(args));
        // HOME: the launcher's archive cache, which root's home would refuse
        return Launcher.runAt(SETPRIV, Map.of("HOME", dir.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString()),
                command.toArray(new String[0]));
    }

    private static boolean hasFile(Path dir) throws IOException {
        return firstFile(dir) != null;
    }

    private static Path firstFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().findFirst().orElse(null);
        }
    }
}
