package io.timberlog.agent;

import io.timberlog.agent.AgentJvm.Libs;
import io.timberlog.agent.apps.AsyncLoggerCrashApp;
import io.timberlog.agent.apps.ChildLoaderApp;
import io.timberlog.agent.apps.JulApp;
import io.timberlog.agent.apps.Log4jApp;
import io.timberlog.agent.apps.LogbackApp;
import io.timberlog.testing.LoggingChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real applications that know nothing of TimberLog, started with the agent (or attached to while they
 * run), logging from two threads until killed with SIGKILL: every event whose logging call had
 * returned is in the store.
 */
class AgentCaptureIT {
    @TempDir
    Path tmp;

    @Test
    void kill9_logback13_everyAcknowledgedEventIsInTheStore() throws Exception {
        killWhileLogging(AgentJvm.classPath(Libs.LOGBACK13.jars()), List.of(), LogbackApp.class);
    }

    @Test
    void kill9_logback15_everyAcknowledgedEventIsInTheStore() throws Exception {
        killWhileLogging(AgentJvm.classPath(Libs.LOGBACK15.jars()), List.of(), LogbackApp.class);
    }

    @Test
    void kill9_log4j2_everyAcknowledgedEventIsInTheStore() throws Exception {
        killWhileLogging(AgentJvm.classPath(Libs.LOG4J2.jars()), List.of(), Log4jApp.class);
    }

    @Test
    void kill9_javaUtilLogging_everyAcknowledgedEventIsInTheStore() throws Exception {
        killWhileLogging(AgentJvm.classPath(List.of()), List.of(), JulApp.class);
    }

    @Test
    void kill9_logbackInAChildClassLoader_everyAcknowledgedEventIsInTheStore() throws Exception {
        List<String> appClassPath = new ArrayList<>(Libs.LOGBACK15.jars());
        appClassPath.add(AgentJvm.codeSource(LogbackApp.class));
        appClassPath.add(AgentJvm.codeSource(LoggingChild.class));
        killWhileLogging(AgentJvm.classPath(List.of()),
                List.of("-Dapp.classPath=" + String.join(File.pathSeparator, appClassPath)),
                ChildLoaderApp.class, LogbackApp.class.getName());
    }

    /**
     * log4j2's asynchronous loggers return once the event is in their ring buffer; a background thread
     * hands it to the logger configurations later. Events still in the ring buffer at the crash were
     * acknowledged all the same, and are in the store.
     */
    @Test
    void crash_log4j2AsyncLoggers_eventsStillInTheRingBufferAreInTheStore() throws Exception {
        Path store = tmp.resolve("store");
        Path output = tmp.resolve("child.out");
        int events = 1_000;
        Process child = AgentJvm.start("dir=" + store,
                List.of("-Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector"),
                AgentJvm.classPath(Libs.LOG4J2_ASYNC.jars()), output, AsyncLoggerCrashApp.class, String.valueOf(events));
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), () -> AgentJvm.printed(output));
        } finally {
            child.destroyForcibly();
        }
        assertTrue(AgentJvm.printed(output).contains("acknowledged " + events), () -> AgentJvm.printed(output));

        Captured captured = Captured.read(store);
        captured.assertContains(new long[] {0, 0}, new long[] {events, 0});
        assertEquals(events, captured.events, "each event once");
        assertFalse(AgentJvm.printed(output).contains("TimberLog"), () -> AgentJvm.printed(output));
    }

    @Test
    void attach_toARunningApplication_capturesEveryEventAcknowledgedAfterTheAttach() throws Exception {
        Path store = tmp.resolve("store");
        Path output = tmp.resolve("child.out");
        Path progress = tmp.resolve("progress");
        Process process = AgentJvm.start(null, List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading"),
                AgentJvm.classPath(Libs.LOGBACK15.jars()), output, LogbackApp.class, "forever", progress.toString());
        try (RunningChild child = new RunningChild(process, output, progress)) {
            child.awaitProgress(new long[LoggingChild.THREADS], 100);

            Process attach = new ProcessBuilder(AgentJvm.java(), "-jar", AgentJvm.agentJar().toString(), "attach",
                    String.valueOf(child.pid()), "dir=" + store).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("attach.out").toFile()).start();
            assertTrue(attach.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, attach.exitValue(), () -> AgentJvm.printed(tmp.resolve("attach.out")));

            long[] attached = child.acknowledged();
            child.awaitProgress(attached, ThreadLocalRandom.current().nextLong(200, 5_000));
            long[] acknowledged = child.kill9();
            long[] from = new long[attached.length];
            for (int t = 0; t < from.length; t++) {
                from[t] = attached[t] + 1; // the call in flight during the attach may have run unwoven
            }
            Captured.read(store).assertContains(from, acknowledged);
        }
        assertTrue(AgentJvm.printed(output).contains("TimberLog agent: attached; capturing into " + store),
                () -> AgentJvm.printed(output));
    }

    private void killWhileLogging(String classPath, List<String> jvmOptions, Class<?> main, String... mainArgs)
            throws Exception {
        Path store = tmp.resolve("store");
        Path output = tmp.resolve("child.out");
        Path progress = tmp.resolve("progress");
        List<String> args = new ArrayList<>(List.of(mainArgs));
        args.add("forever");
        args.add(progress.toString());
        Process process = AgentJvm.start("dir=" + store, jvmOptions, classPath, output, main, args.toArray(new String[0]));
        long[] acknowledged;
        try (RunningChild child = new RunningChild(process, output, progress)) {
            child.awaitProgress(new long[LoggingChild.THREADS], ThreadLocalRandom.current().nextLong(200, 10_000));
            Thread.sleep(ThreadLocalRandom.current().nextInt(20));
            acknowledged = child.kill9();
        }
        Captured captured = Captured.read(store);
        captured.assertContains(new long[LoggingChild.THREADS], acknowledged);
        assertEquals(0, captured.duplicates, "events captured twice");
        assertFalse(AgentJvm.printed(output).contains("TimberLog"), "the agent prints nothing when all is well");
    }
}
