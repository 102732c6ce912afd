package io.timberlog.cli;

import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.timberlog.cli.Launcher.run;
import static org.junit.jupiter.api.Assertions.*;

/** The built launcher script and jar, as a user runs them: real processes, real exit codes and signals. */
class LauncherIT {
    private static final Path LAUNCHER = Launcher.PATH;

    @TempDir
    Path dir;

    @Test
    void launcher_queriesAStore() throws Exception {
        SampleStore.write(dir);
        Launcher.Run r = run(dir.toString(), "-n", "1", "--format", "raw");
        assertEquals(0, r.code(), r.err());
        assertEquals("order 3 for dave took 501.5 ms\n", r.out());
        assertEquals("", r.err());
    }

    /**
     * The last N events, oldest first, in a heap far smaller than they are: the engine holds only so
     * many, and reads the rest a second time, forwards (it held all N and ran out of memory before).
     */
    @Test
    void lastEvents_manyMoreThanTheHeapHolds_areAllPrinted() throws Exception {
        int events = 400_000;
        int last = 350_000;
        Cli.write(dir, w -> {
            for (int i = 0; i < events; i++) {
                w.append(i / 100.0, Level.INFO, "com.acme.Big", "event {} of a store larger than the heap", i);
            }
        });

        Launcher.Run r = run(Map.of("TIMBERLOG_JAVA_OPTS", "-Xmx24m"), dir.toString(), "-n", String.valueOf(last),
                "--format", "raw");

        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(last, lines.length);
        assertEquals("event " + (events - last) + " of a store larger than the heap", lines[0]);
        assertEquals("event " + (events - 1) + " of a store larger than the heap", lines[last - 1]);
    }

    @Test
    void launcher_exitCodes() throws Exception {
        SampleStore.write(dir);
        assertEquals(1, run(dir.toString(), "--text", "nothing like this").code());
        Launcher.Run bad = run(dir.toString(), "--bogus");
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().split("\n").length, bad.err());
        assertEquals(2, run(dir.resolve("missing").toString()).code());
    }

    @Test
    void launcher_helpAndVersion() throws Exception {
        Launcher.Run help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Usage: timberlog"), help.out());
        Launcher.Run version = run("--version");
        assertTrue(version.out().startsWith("timberlog 0.1.0-SNAPSHOT"), version.out());
    }

    /** The commands that read every event get the optimizing compiler, the others C1 alone. */
    @Test
    void launcher_choosesTheCompilerByCommand() throws Exception {
        SampleStore.write(dir);
        String store = dir.toString();
        assertEquals(1, tieredStopAtLevel(store, "-n", "1"));
        assertEquals(1, tieredStopAtLevel("query", store, "--level", "WARN", "--text", "took"));
        assertEquals(1, tieredStopAtLevel("runs", store));
        assertEquals(4, tieredStopAtLevel("stats", store));
        assertEquals(4, tieredStopAtLevel("verify", store));
        assertEquals(4, tieredStopAtLevel(store, "--grep", "took"));
        assertEquals(4, tieredStopAtLevel(store, "-ig", "took"));
        assertEquals(4, tieredStopAtLevel("query", store, "--contains=took"));
        assertEquals(4, tieredStopAtLevel(store, "--template", "order {} for {} took {} ms", "--arg", "2>500"));
        assertEquals(4, tieredStopAtLevel(store, "--field=requestId=r-1"));
        // nothing narrows a query that prints the whole store, in any format or order
        assertEquals(4, tieredStopAtLevel(store));
        assertEquals(4, tieredStopAtLevel("query", store, "-o", "json", "-r"));
        assertEquals(1, tieredStopAtLevel(store, "-rn", "5"));
        assertEquals(1, tieredStopAtLevel(store, "--since=1h"));
        assertEquals(1, tieredStopAtLevel(store, "--run", "0", "-o", "json"));
        assertEquals(1, tieredStopAtLevel(store, "--lines=3"));
    }

    @Test
    void launcher_c1Only_compilesOnOneThread() throws Exception {
        SampleStore.write(dir);
        assertEquals(1, jvmFlag("CICompilerCount", "", dir.toString(), "-n", "1"));
        assertTrue(jvmFlag("CICompilerCount", "", dir.toString(), "--grep", "took") >= 2, "C1 and C2 need a thread each");
    }

    @Test
    void launcher_optionsAskingForTheOptimizingCompiler_win() throws Exception {
        SampleStore.write(dir);
        // one compiler thread would not start a JVM with C2: the launcher leaves the count to the JVM
        assertEquals(4, jvmFlag("TieredStopAtLevel", "-XX:TieredStopAtLevel=4", dir.toString(), "-n", "1"));
        assertTrue(jvmFlag("CICompilerCount", "-XX:TieredStopAtLevel=4", dir.toString(), "-n", "1") >= 2);
        assertEquals(3, jvmFlag("CICompilerCount", "-XX:CICompilerCount=3", dir.toString(), "-n", "1"));
    }

    @Test
    void launcher_fromARelativePathWithCdpath_printsOnlyTheQuery() throws Exception {
        SampleStore.write(dir.resolve("store"));
        Path target = LAUNCHER.toAbsolutePath().getParent();
        // A cd that searched CDPATH would go to this other directory of the same name, and print it.
        Files.createDirectories(dir.resolve(target.getFileName()));
        ProcessBuilder pb = new ProcessBuilder(target.getFileName() + "/" + LAUNCHER.getFileName(),
                dir.resolve("store").toString(), "-n", "1", "-o", "raw").directory(target.getParent().toFile());
        pb.environment().put("CDPATH", dir.toString());
        Process p = pb.start();
        assertEquals("order 3 for dave took 501.5 ms\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, p.waitFor());
    }

    /** The JVM's TieredStopAtLevel for a run of the launcher with {@code args}. */
    private static int tieredStopAtLevel(String... args) throws Exception {
        return jvmFlag("TieredStopAtLevel", "", args);
    }

    /** The value of the JVM's integer flag {@code name} for a run of the launcher with {@code args} and these extra options. */
    private static int jvmFlag(String name, String javaOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TIMBERLOG_JAVA_OPTS", "-XX:+PrintFlagsFinal " + javaOptions);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Matcher m = Pattern.compile("\\b" + name + "\\s+=\\s+(\\d+)").matcher(out);
        assertTrue(m.find(), out.length() > 2000 ? out.substring(0, 2000) : out);
        assertTrue(p.exitValue() <= 1, out.length() > 2000 ? out.substring(out.length() - 2000) : out); // 1: nothing matched
        return Integer.parseInt(m.group(1));
    }

    @Test
    void launcher_worksThroughSymlinkFromAnotherDirectory() throws Exception {
        SampleStore.write(dir.resolve("store"));
        Path link = dir.resolve("bin/timberlog");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, LAUNCHER.toAbsolutePath());
        Process p = new ProcessBuilder(link.toString(), "store", "-n", "1", "-o", "raw").directory(dir.toFile()).start();
        assertEquals("order 3 for dave took 501.5 ms\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, p.waitFor());
        Files.delete(link);
    }

    /**
     * Installed elsewhere, the build's archive (made for the jar where it was built) is not used; the
     * first command starts making one in the user's cache, in the background, and prints only its own
     * output; a later one uses it.
     */
    @Test
    void launcher_copiedInstall_makesItsArchiveInTheBackgroundAndUsesIt() throws Exception {
        SampleStore.write(dir.resolve("store"));
        Path launcher = Launcher.install(dir.resolve("opt"));
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());

        Launcher.Run first = Launcher.runAt(launcher, env, dir.resolve("store").toString(), "-n", "1", "-o", "raw");

        assertEquals(0, first.code(), first.err());
        assertEquals("order 3 for dave took 501.5 ms\n", first.out());
        assertEquals("", first.err());
        Path archives = cache.resolve("timberlog");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!hasArchive(archives) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(hasArchive(archives), "an archive was made in " + archives);
        Launcher.Run later = Launcher.runAt(launcher, Map.of("XDG_CACHE_HOME", cache.toString(), "TIMBERLOG_JAVA_OPTS",
                "-Xlog:class+load"), dir.resolve("store").toString(), "-n", "1", "-o", "raw");
        assertTrue(later.out().contains("io.timberlog.cli.Timberlog source: shared objects file (top)"),
                later.out().length() > 3000 ? later.out().substring(0, 3000) : later.out());
    }

    private static boolean hasArchive(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"));
        }
    }

    /**
     * A runtime made by jlink has no base class data sharing archive, without which the JVM refuses to
     * write or read one of its own: the launcher uses none there (every command failed before).
     */
    @Test
    void launcher_runtimeWithoutABaseArchive_runsWithoutOne() throws Exception {
        SampleStore.write(dir.resolve("store"));
        Path runtime = dir.resolve("runtime");
        Process jlink = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "--add-modules", "java.base,java.logging,java.management,jdk.attach,jdk.unsupported",
                "--output", runtime.toString()).redirectErrorStream(true).start();
        String log = new String(jlink.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jlink.waitFor(), log);
        assertFalse(Files.exists(runtime.resolve("lib/server/classes.jsa")));

        Map<String, String> env = Map.of("JAVA_HOME", runtime.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString());
        for (int i = 0; i < 2; i++) {
            Launcher.Run r = Launcher.runAt(Launcher.install(dir.resolve("opt" + i)), env, dir.resolve("store").toString(), "-n", "1",
                    "-o", "raw");
            assertEquals(0, r.code(), r.out() + r.err());
            assertEquals("order 3 for dave took 501.5 ms\n", r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void launcher_optionsChoosingAnotherCollector_replaceTheSerialOne() throws Exception {
        SampleStore.write(dir.resolve("store"));
        Launcher.Run r = run(Map.of("TIMBERLOG_JAVA_OPTS", "-XX:+UseG1GC"), dir.resolve("store").toString(), "-n", "1",
                "-o", "raw");
        assertEquals(0, r.code(), r.err());
        assertEquals("order 3 for dave took 501.5 ms\n", r.out());
    }

    @Test
    void launcher_linkNamedWithoutItsDirectory_isFollowed() throws Exception {
        SampleStore.write(dir.resolve("store"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("tl"), LAUNCHER.toAbsolutePath());
        Files.createSymbolicLink(bin.resolve("tl2"), Path.of("tl"));
        Process p = new ProcessBuilder("bash", "tl2", dir.resolve("store").toString(), "-n", "1", "-o", "raw")
                .directory(bin.toFile()).start();
        assertEquals("order 3 for dave took 501.5 ms\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("", new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, p.waitFor());
    }

    /** A runtime without a release file: the version comes from the JVM itself, and an old one is refused. */
    @Test
    void launcher_javaWithoutReleaseFile_isAskedItsVersion() throws Exception {
        Path fake = Files.createDirectories(dir.resolve("jdk11/bin")).resolve("java");
        Files.writeString(fake, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        assertTrue(fake.toFile().setExecutable(true));

        Launcher.Run r = run(Map.of("JAVA_HOME", dir.resolve("jdk11").toString()), "--version");

        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("timberlog: needs Java 17 or later; " + fake + " is Java 11\n", r.err());
    }

    @Test
    void follow_stopsCleanlyOnCtrlC() throws Exception {
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).problemListener((m, c) -> { }).build())) {
            Cli.Writer w = new Cli.Writer(store);
            w.append(1, Level.INFO, "l", "first");
            Process p = new ProcessBuilder(LAUNCHER.toString(), dir.toString(), "-f", "-o", "raw").start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("first", out.readLine());
                w.append(2, Level.INFO, "l", "second");
                assertEquals("second", out.readLine());
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                long signalled = System.nanoTime();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
                // Within a poll (200 ms) and the JVM's exit: the shutdown hook once waited a second for
                // the main thread to end, which it does only after the exit the hook holds up.
                long millis = (System.nanoTime() - signalled) / 1_000_000;
                assertTrue(millis < 900, "ended " + millis + " ms after Ctrl-C");
                assertNull(out.readLine());
            }
            assertEquals(130, p.exitValue()); // 128 + SIGINT, as for any program stopped with Ctrl-C
            assertEquals("", new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** As {@code timberlog query -f | head -1}: the reader goes away, and no event comes to find it out. */
    @Test
    void follow_endsWhenItsReaderGoesAway_withoutWaitingForAnEvent() throws Exception {
        try (LogStore store = LogStore.open(StoreOptions.builder(dir).problemListener((m, c) -> { }).build())) {
            new Cli.Writer(store).append(1, Level.INFO, "l", "first");
            Process p = new ProcessBuilder(LAUNCHER.toString(), dir.toString(), "-f", "-o", "raw").start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("first", out.readLine());
            out.close(); // the only reader of the pipe

            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "still following a pipe nobody reads");
            assertEquals(0, p.exitValue());
            assertEquals("", new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void build_madeCompletionScriptAndManPage() throws IOException {
        Path target = LAUNCHER.getParent();
        String completion = Files.readString(target.resolve("timberlog_completion"));
        assertTrue(completion.contains("complete -F"));
        assertTrue(completion.contains("LEVEL_option_args=(\"TRACE\" \"DEBUG\" \"INFO\" \"WARN\" \"ERROR\" \"FATAL\")"),
                "the levels complete after --level");
        String man = Files.readString(target.resolve("man/man1/timberlog.1"));
        assertTrue(man.contains(".SS \"timberlog query DIR [OPTIONS]\""), man);
    }

    @Test
    void build_upgradedPicocliSoThatClassDataSharingArchivesIt() throws IOException {
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(LAUNCHER.resolveSibling("timberlog.jar").toFile())) {
            byte[] header = jar.getInputStream(jar.getEntry("picocli/CommandLine.class")).readNBytes(8);
            int major = (header[6] & 0xff) << 8 | header[7] & 0xff;
            assertEquals(52, major, "class file version of picocli.CommandLine");
        }
    }
}
