package io.timberlog.core;

import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.testing.WalFixtures;
import org.junit.jupiter.api.io.TempDir;
import io.timberlog.testing.ChildMain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * kill -9 of a process whose segment manager is converting WAL files: every acknowledged event is
 * read back exactly once, right after the kill and after the next run has converted what was left.
 */
class ConversionKillTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void killDuringConversions_everyAcknowledgedEventOnce(int segmentsBeforeKill) throws Exception {
        Process child = new ProcessBuilder(ChildMain.command(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), List.of(), ConvertingWriter.class, dir.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long acknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line.trim());
                if (SegmentFiles.list(dir).size() >= segmentsBeforeKill) {
                    break;
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(acknowledged > 0, "the child wrote something");

        List<LogEvent> afterKill = WalFixtures.readAll(dir);
        assertEventsInOrderOnce(afterKill, acknowledged);

        LogStore.open(WalFixtures.options(dir).build()).close(); // converts what the killed run left
        List<LogEvent> afterRestart = WalFixtures.readAll(dir);
        assertEquals(afterKill.size(), afterRestart.size());
        assertEventsInOrderOnce(afterRestart, acknowledged);
    }

    private static void assertEventsInOrderOnce(List<LogEvent> events, long acknowledged) {
        assertTrue(events.size() > acknowledged, events.size() + " events read, " + acknowledged + " acknowledged");
        for (int i = 0; i < events.size(); i++) {
            LogEvent e = events.get(i);
            assertEquals(i, e.sequence(), "sequence at " + i);
            assertEquals("event " + i + " of the converting writer", e.message());
        }
    }
}
