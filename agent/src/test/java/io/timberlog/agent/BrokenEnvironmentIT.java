package io.timberlog.agent;

import io.timberlog.agent.AgentJvm.Libs;
import io.timberlog.agent.apps.LogbackApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever is wrong around the agent, the application starts and runs; the agent says so in one line. */
class BrokenEnvironmentIT {
    @TempDir
    Path tmp;

    @Test
    void badOption_printsOneLineAndTheApplicationRuns() throws Exception {
        List<String> errors = runApplication("fsync=sometimes,dir=" + tmp.resolve("store"));
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("TimberLog agent: agent argument fsync: fsync must be one of"), errors::toString);
        assertTrue(errors.get(0).endsWith("the application runs without capture"), errors::toString);
        assertTrue(Files.notExists(tmp.resolve("store")));
    }

    @Test
    void unknownOption_printsOneLineAndTheApplicationRuns() throws Exception {
        List<String> errors = runApplication("dir=" + tmp.resolve("store") + ",colour=blue");
        assertEquals(List.of("TimberLog agent: agent argument colour: no such option; the application runs without capture"),
                errors);
    }

    @Test
    void directoryThatCannotBeCreated_printsOneLineAndTheApplicationRuns() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        List<String> errors = runApplication("dir=" + file.resolve("store"));
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("TimberLog agent: capture: cannot open store " + file.resolve("store")),
                errors::toString);
    }

    /** Runs an application that logs 2 x 50 events; returns its standard error, after checking that it ran. */
    private List<String> runApplication(String agentArguments) throws Exception {
        Path output = tmp.resolve("child.out");
        Process child = AgentJvm.start(agentArguments, List.of(), AgentJvm.classPath(Libs.LOGBACK15.jars()), output,
                LogbackApp.class, "count", "50");
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), () -> AgentJvm.printed(output));
            assertEquals(0, child.exitValue(), () -> AgentJvm.printed(output));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(100, Files.readAllLines(output).stream().filter(l -> l.contains(" app.logback - event ")).count(),
                "the application logged as always");
        return Files.readAllLines(AgentJvm.errors(output));
    }
}
