package io.timberlog.agent;

import io.timberlog.agent.AgentJvm.Libs;
import io.timberlog.agent.apps.JulApp;
import io.timberlog.agent.apps.Log4jApp;
import io.timberlog.agent.apps.LogbackApp;
import io.timberlog.agent.apps.UndeployingServerApp;
import io.timberlog.agent.apps.WebAppRequest;
import io.timberlog.core.LogEvent;
import io.timberlog.testing.LoggingChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent beside what the application does itself: its own appenders keep receiving every event, a
 * TimberLog appender it already has is not doubled, nor are events bridged from one framework to another.
 */
class CoexistenceIT {
    private static final int EVENTS_PER_THREAD = 300;
    private static final int EVENTS = EVENTS_PER_THREAD * LoggingChild.THREADS;

    @TempDir
    Path tmp;

    @Test
    void logback_theApplicationsOwnAppenders_receiveEveryEvent() throws Exception {
        Path file = tmp.resolve("app.log");
        Path config = write("logback.xml", "<configuration>"
                + "<appender name='FILE' class='ch.qos.logback.core.FileAppender'><file>" + file + "</file>"
                + "<encoder><pattern>%msg%n</pattern></encoder></appender>"
                + "<root level='INFO'><appender-ref ref='FILE'/></root></configuration>");
        assertOwnAppenderReceivesEveryEvent(file, "-Dlogback.configurationFile=" + config, Libs.LOGBACK15, LogbackApp.class);
    }

    @Test
    void log4j2_theApplicationsOwnAppenders_receiveEveryEvent() throws Exception {
        Path file = tmp.resolve("app.log");
        Path config = write("log4j2.xml", "<Configuration status='WARN'><Appenders>"
                + "<File name='FILE' fileName='" + file + "'><PatternLayout pattern='%m%n'/></File></Appenders>"
                + "<Loggers><Root level='INFO'><AppenderRef ref='FILE'/></Root></Loggers></Configuration>");
        assertOwnAppenderReceivesEveryEvent(file, "-Dlog4j2.configurationFile=" + config, Libs.LOG4J2, Log4jApp.class);
    }

    /** Runs the application with a configuration whose one appender writes {@code file}, and the agent. */
    private void assertOwnAppenderReceivesEveryEvent(Path file, String configuration, Libs libs, Class<?> main)
            throws Exception {
        Path store = tmp.resolve("store");
        run("dir=" + store, List.of(configuration), libs.jars(), main);

        assertEquals(EVENTS, Files.readAllLines(file).stream().distinct().count(), "lines in the application's own log");
        assertEquals(EVENTS, Captured.read(store).events);
    }

    @Test
    void logback_withATimberLogAppenderOfItsOwn_isNotCapturedTwice() throws Exception {
        Path appenderStore = tmp.resolve("appender-store");
        Path config = write("logback.xml", "<configuration>"
                + "<appender name='TL' class='io.timberlog.logback.TimberLogAppender'><dir>" + appenderStore + "</dir></appender>"
                + "<appender name='ASYNC' class='ch.qos.logback.classic.AsyncAppender'><discardingThreshold>0</discardingThreshold>"
                + "<appender-ref ref='TL'/></appender>"
                + "<root level='INFO'><appender-ref ref='ASYNC'/></root></configuration>");
        Path agentStore = tmp.resolve("agent-store");
        List<String> libs = new ArrayList<>(Libs.LOGBACK15.jars());
        libs.add(AgentJvm.codeSource(io.timberlog.logback.TimberLogAppender.class));
        libs.add(AgentJvm.codeSource(io.timberlog.core.LogStore.class));
        run("dir=" + agentStore, List.of("-Dlogback.configurationFile=" + config), libs, LogbackApp.class);

        assertEquals(EVENTS, Captured.read(appenderStore).events, "the application's TimberLog appender has them");
        assertEquals(List.of(), Captured.all(agentStore), "the agent left them alone");
    }

    @Test
    void julToSlf4j_bridgedToLogback_isCapturedOnce() throws Exception {
        Path store = tmp.resolve("store");
        run("dir=" + store, List.of("-Dapp.julToSlf4j=true"), Libs.LOGBACK15.jars(), JulApp.class);

        Captured captured = Captured.read(store);
        assertEquals(0, captured.duplicates, "events captured twice");
        assertEquals(EVENTS, captured.events);
        List<String> loggers = Captured.all(store).stream().map(LogEvent::logger).distinct().collect(Collectors.toList());
        assertEquals(List.of("app.jul"), loggers);
    }

    /**
     * jul-to-slf4j forwards to a backend the agent does not capture: the records are captured in JUL.
     * SLF4J is initialized first: records that other threads log while it initializes go to its replay.
     */
    @Test
    void julToSlf4j_boundToSlf4jSimple_isCapturedAsJul() throws Exception {
        Path store = tmp.resolve("store");
        run("dir=" + store, List.of("-Dapp.julToSlf4j=true", "-Dapp.slf4jFirst=true"), Libs.SLF4J_SIMPLE.jars(), JulApp.class);

        Captured captured = Captured.read(store);
        assertEquals(0, captured.duplicates, "events captured twice");
        assertEquals(EVENTS, captured.events);
        assertEquals(EVENTS, Files.readAllLines(AgentJvm.errors(tmp.resolve("child.out"))).stream()
                .filter(line -> line.contains(" app.jul - event ")).count(), "slf4j-simple printed them");
    }

    @Test
    void javaUtilLogging_loggerWithAFilter_capturesWhatTheFilterLetsThrough() throws Exception {
        Path store = tmp.resolve("store");
        run("dir=" + store, List.of("-Dapp.evenOnly=true"), List.of(), JulApp.class);

        Captured captured = Captured.read(store);
        assertEquals(EVENTS / 2, captured.events);
        for (int t = 0; t < LoggingChild.THREADS; t++) {
            assertEquals(EVENTS_PER_THREAD / 2, captured.found[t].stream().filter(i -> i % 2 == 0).count());
        }
        assertEquals(EVENTS / 2, Files.readAllLines(AgentJvm.errors(tmp.resolve("child.out"))).stream()
                .filter(line -> line.startsWith("INFO: event ")).count(), "JUL's console handler printed the same");
    }

    /**
     * A web application that logged on a server's shared thread and was undeployed: the agent's capture,
     * defined beside its logback, must not keep it in memory through that thread.
     */
    @Test
    void webApplication_undeployed_isNotKeptInMemoryByTheCapture() throws Exception {
        Path store = tmp.resolve("store");
        List<String> applicationClassPath = new ArrayList<>(Libs.LOGBACK15.jars());
        applicationClassPath.add(AgentJvm.codeSource(WebAppRequest.class));
        Path output = tmp.resolve("child.out");
        Process child = AgentJvm.start("dir=" + store,
                List.of("-Dapp.classPath=" + String.join(File.pathSeparator, applicationClassPath)),
                AgentJvm.classPath(List.of()), output, UndeployingServerApp.class);
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), () -> AgentJvm.printed(output));
            assertEquals(0, child.exitValue(), () -> AgentJvm.printed(output));
        } finally {
            child.destroyForcibly();
        }

        assertTrue(Files.readAllLines(output).contains("undeployed application collected: true"), () -> AgentJvm.printed(output));
        assertEquals(List.of("request handled"), Captured.all(store).stream().map(LogEvent::message).collect(Collectors.toList()));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content.replace('\'', '"'));
    }

    private void run(String agentArguments, List<String> jvmOptions, List<String> libs, Class<?> main) throws Exception {
        Path output = tmp.resolve("child.out");
        Process child = AgentJvm.start(agentArguments, jvmOptions, AgentJvm.classPath(libs), output, main, "count",
                String.valueOf(EVENTS_PER_THREAD));
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), () -> AgentJvm.printed(output));
            assertEquals(0, child.exitValue(), () -> AgentJvm.printed(output));
        } finally {
            child.destroyForcibly();
        }
    }
}
