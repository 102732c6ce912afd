package io.timberlog.cli;

import io.timberlog.testing.ChildMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.timberlog.cli.Launcher.run;
import static org.junit.jupiter.api.Assertions.*;

/** {@code timberlog attach}, through the built launcher, with the agent jar the build put beside it. */
class AttachIT {
    @TempDir
    Path dir;

    @Test
    void attach_runningJvm_capturesItsEventsFromThenOn() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(ChildMain.command(java, List.of(), JulTicker.class)).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("READY", out.readLine());
            Launcher.Run attach = run("attach", Long.toString(app.pid()), "dir=" + dir);
            assertEquals(0, attach.code(), attach.err());
            assertTrue(attach.out().contains("loaded into pid " + app.pid()), attach.out());

            Launcher.Run ticks = new Launcher.Run(1, "", "");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ticks.code() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                ticks = run("query", dir.toString(), "--logger", "ticker", "-n", "1", "-o", "raw");
            }
            assertEquals(0, ticks.code(), ticks.err());
            assertTrue(ticks.out().startsWith("tick "), ticks.out());

            // once more: the agent runs there already, and says where it captures, not "loaded"
            Launcher.Run again = run("attach", Long.toString(app.pid()), "dir=" + dir.resolve("other"));
            assertEquals(2, again.code(), again.out());
            assertEquals("timberlog attach: the agent already runs in pid " + app.pid() + ", capturing into " + dir
                    + "; not loaded again", again.err().strip());
        } finally {
            app.destroyForcibly();
            assertTrue(app.waitFor(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void attach_noSuchProcess_oneLineAndExit2() throws Exception {
        Launcher.Run r = run("attach", "999999999", "dir=" + dir);
        assertEquals(2, r.code());
        assertEquals(1, r.err().split("\n").length, r.err());
        assertTrue(r.err().contains("no process with pid 999999999"), r.err());
    }

    @Test
    void attach_optionWithoutValue_oneLineAndExit2() throws Exception {
        Launcher.Run r = run("attach", Long.toString(ProcessHandle.current().pid()), "fsync");
        assertEquals(2, r.code());
        assertEquals("timberlog: 'fsync' is not an agent option NAME=VALUE", r.err().strip());
    }

    /** An option the agent would refuse is refused here: the JVM would only say so on its own stderr, and capture nothing. */
    @Test
    void attach_optionTheAgentRefuses_oneLineAndExit2_nothingLoaded() throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        Launcher.Run unknown = run("attach", pid, "bogus=1");
        assertEquals(2, unknown.code());
        assertEquals("timberlog: no such agent option: 'bogus' (the appenders' options: dir, fsync, maxWalSize, ...)",
                unknown.err().strip());
        Launcher.Run bad = run("attach", pid, "dir=" + dir, "fsync=sometimes");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("timberlog: invalid agent option 'fsync=sometimes': "), bad.err());
        assertEquals(1, bad.err().split("\n").length, bad.err());
        assertEquals(2, run("attach", pid, "includeCallerData=true").code(), "an appender's option, not the agent's");
        assertEquals("", unknown.out() + bad.out());
    }

    @Test
    void attach_missingAgentJar_namesItAndExit2() throws Exception {
        Launcher.Run r = run("attach", Long.toString(ProcessHandle.current().pid()), "--agent-jar", dir.resolve("none.jar").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no agent jar at " + dir.resolve("none.jar")), r.err());
    }
}
