package io.timberlog.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar timberlog-agent.jar attach ...} with what cannot work: one line and exit code 2. */
class AttachMainIT {
    @TempDir
    Path tmp;

    @Test
    void attach_withoutAPid_printsUsage() throws Exception {
        assertEquals(List.of("timberlog attach: usage: java -jar timberlog-agent.jar attach PID [name=value,...]"),
                attach("attach"));
    }

    @Test
    void attach_toSomethingThatIsNotAPid_saysSo() throws Exception {
        List<String> errors = attach("attach", "twelve");
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("timberlog attach: 'twelve' is not a process id"), errors::toString);
    }

    @Test
    void attach_toNoProcess_saysSo() throws Exception {
        assertEquals(List.of("timberlog attach: no process with pid 999999999"), attach("attach", "999999999"));
    }

    @Test
    void attach_toAProcessThatIsNotAJvm_saysItCannotAttach() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            List<String> errors = attach("attach", String.valueOf(sleep.pid()));
            assertEquals(1, errors.size(), errors::toString);
            assertTrue(errors.get(0).startsWith("timberlog attach: cannot attach to pid " + sleep.pid()), errors::toString);
        } finally {
            sleep.destroyForcibly();
        }
    }

    /** Runs the attach command, checks it exited with 2 and printed nothing on standard output; returns its standard error. */
    private List<String> attach(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AgentJvm.java(), "-jar", AgentJvm.agentJar().toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("attach.out");
        Path err = tmp.resolve("attach.err");
        Process attach = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(attach.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, attach.exitValue(), () -> AgentJvm.printed(out));
        assertEquals("", Files.readString(out));
        return Files.readAllLines(err);
    }
}
