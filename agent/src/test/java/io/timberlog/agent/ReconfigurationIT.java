package io.timberlog.agent;

import io.timberlog.agent.AgentJvm.Libs;
import io.timberlog.agent.apps.ReconfiguringLog4jApp;
import io.timberlog.agent.apps.ReconfiguringLogbackApp;
import io.timberlog.core.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applications whose logging is configured again while they run (Spring Boot's start, logback's scan):
 * after every new configuration the agent captures exactly what no TimberLog appender of the
 * application's receives, neither losing nor doubling events.
 */
class ReconfigurationIT {
    @TempDir
    Path tmp;

    /**
     * Spring Boot stops the logger context before configuring it, which removes every listener, reset
     * resistant or not: the agent must still learn of the resets that follow.
     */
    @Test
    void logback_afterAStopAndAReset_theAgentCapturesWhatTheNewConfigurationNoLongerStores() throws Exception {
        Path appenderStore = tmp.resolve("appender-store");
        Path withAppender = write("with-timberlog.xml", "<configuration>"
                + "<appender name='TL' class='io.timberlog.logback.TimberLogAppender'><dir>" + appenderStore + "</dir></appender>"
                + "<root level='INFO'><appender-ref ref='TL'/></root></configuration>");
        Path withoutAppender = write("console-only.xml", "<configuration>"
                + "<appender name='OUT' class='ch.qos.logback.core.ConsoleAppender'><encoder><pattern>%msg%n</pattern></encoder></appender>"
                + "<root level='INFO'><appender-ref ref='OUT'/></root></configuration>");
        Path agentStore = tmp.resolve("agent-store");
        List<String> libs = new ArrayList<>(Libs.LOGBACK15.jars());
        libs.add(AgentJvm.codeSource(io.timberlog.logback.TimberLogAppender.class));
        libs.add(AgentJvm.codeSource(io.timberlog.core.LogStore.class));

        run("dir=" + agentStore, List.of("-Dlogback.configurationFile=" + withAppender), libs,
                ReconfiguringLogbackApp.class, "stop:" + withAppender, "reset:" + withoutAppender);

        assertEquals(phases(0, 1), messages(appenderStore), "the application's TimberLog appender");
        assertEquals(phases(2), messages(agentStore), "the agent: what the last configuration does not store");
    }

    /**
     * A configuration log4j2 replaced must not stay in memory because the agent remembered where its
     * logger configurations send events: an application that reconfigures often would run out of heap.
     */
    @Test
    void log4j2_aReplacedConfiguration_isNotKeptInMemory() throws Exception {
        Path configuration = Paths.get(getClass().getResource("/app-log4j2.xml").toURI());
        Path agentStore = tmp.resolve("agent-store");

        Path output = run("dir=" + agentStore, List.of(), Libs.LOG4J2.jars(), ReconfiguringLog4jApp.class,
                configuration.toString(), configuration.toString(), configuration.toString());

        assertTrue(Files.readAllLines(output).contains("replaced configuration collected: true"), () -> AgentJvm.printed(output));
        assertEquals(List.of("configuration 0", "configuration 1", "configuration 2", "configuration 3"),
                messages(agentStore));
    }

    private static List<String> phases(int... phases) {
        List<String> messages = new ArrayList<>();
        for (int phase : phases) {
            for (int i = 0; i < 5; i++) {
                messages.add("phase " + phase + " event " + i);
            }
        }
        return messages;
    }

    private static List<String> messages(Path store) {
        return Captured.all(store).stream().map(LogEvent::message).sorted().collect(Collectors.toList());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content.replace('\'', '"'));
    }

    /** Runs {@code main} to its end; returns the file of its standard output. */
    private Path run(String agentArguments, List<String> jvmOptions, List<String> libs, Class<?> main, String... args)
            throws Exception {
        Path output = tmp.resolve("child.out");
        Process child = AgentJvm.start(agentArguments, jvmOptions, AgentJvm.classPath(libs), output, main, args);
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), () -> AgentJvm.printed(output));
            assertEquals(0, child.exitValue(), () -> AgentJvm.printed(output));
        } finally {
            child.destroyForcibly();
        }
        return output;
    }
}
