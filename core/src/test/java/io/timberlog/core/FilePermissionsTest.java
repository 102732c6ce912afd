package io.timberlog.core;

import io.timberlog.testing.ChildMain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every file and directory a writer creates is readable by owner and group only (0640, 0750), or less
 * when the process's umask is stricter; an application's permissive umask does not widen them. The
 * umask belongs to the process, so each case runs a writer JVM started under it.
 */
class FilePermissionsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"000", "022", "077"})
    void writer_underUmask_createsOwnerAndGroupOnlyFiles(String umask) throws Exception {
        Path store = tmp.resolve("store");
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""));
        command.addAll(ChildMain.command(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("-Xmx128m"), EveryKindOfFile.class, store.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        int mask = Integer.parseInt(umask, 8);
        Set<PosixFilePermission> fileMode = mode(0640 & ~mask);
        Set<PosixFilePermission> dirMode = mode(0750 & ~mask);
        List<String> wrong = new ArrayList<>();
        Set<String> kinds = new java.util.TreeSet<>();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("WRITING", out.readLine());
            check(store, fileMode, dirMode, wrong, kinds); // while it runs: WAL files, lock, meta
            child.getOutputStream().close(); // the child closes its stores: segments, manifest
            String rest = out.lines().collect(Collectors.joining("\n"));
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue(), rest);
        } finally {
            child.destroyForcibly();
        }
        check(store, fileMode, dirMode, wrong, kinds);
        assertEquals(List.of(), wrong, "expected files " + PosixFilePermissions.toString(fileMode) + ", directories "
                + PosixFilePermissions.toString(dirMode));
        assertTrue(kinds.containsAll(List.of("", "lock", "wal.meta", "wal", "wal/wal_", "segments", "segments/segment_",
                "manifest.json", "fallback", "fallback/pid-", "fallback/pid-/wal/wal_")), kinds.toString());
    }

    private static void check(Path store, Set<PosixFilePermission> fileMode, Set<PosixFilePermission> dirMode,
                              List<String> wrong, Set<String> kinds) throws IOException {
        try (Stream<Path> paths = Files.walk(store)) {
            for (Path p : paths.collect(Collectors.toList())) {
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> actual;
                try {
                    actual = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                } catch (java.nio.file.NoSuchFileException converted) {
                    continue; // a WAL file converted, a segment renamed while the writer runs
                }
                if (!actual.equals(dir ? dirMode : fileMode)) {
                    wrong.add(store.relativize(p) + " " + PosixFilePermissions.toString(actual));
                }
                kinds.add(kind(store.relativize(p).toString()));
            }
        }
    }

    /** What a path of the store is, without its numbers: {@code wal/wal_000001.wal} is a {@code wal/wal_}. */
    private static String kind(String relative) {
        return relative.replaceAll("[0-9]+", "").replaceAll("\\.(wal|log)$", "");
    }

    private static Set<PosixFilePermission> mode(int bits) {
        StringBuilder sb = new StringBuilder();
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            sb.append((bits & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
        }
        return PosixFilePermissions.fromString(sb.toString());
    }

    /** Writes a store with every kind of file: WAL files, a segment, the manifest, and a fallback store. */
    public static final class EveryKindOfFile {
        public static void main(String[] args) throws IOException {
            Path dir = Paths.get(args[0]);
            StoreOptions options = StoreOptions.builder(dir).maxWalSize(StoreOptions.MIN_WAL_SIZE)
                    .maxEventSize(StoreOptions.MIN_EVENT_SIZE).problemListener((m, c) -> { }).build();
            CapturedEvent e = new CapturedEvent();
            try (LogStore store = LogStore.open(options);
                 LogStore fallback = LogStore.openWithFallback(options)) {
                for (int i = 0; i < 20_000; i++) {
                    store.append(e.reset().message("event {} with some words to fill files", MessageStyle.SLF4J)
                            .addArgument(i));
                }
                fallback.append(e.reset().message("in the fallback store", MessageStyle.LITERAL));
                store.sync();
                System.out.println("WRITING");
                System.out.flush();
                System.in.read(); // until the test has looked and closes our input
                store.close(Duration.ofSeconds(30));
            }
        }
    }
}
