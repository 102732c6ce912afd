package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.Value;
import io.timberlog.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Real child JVMs logging through logback: killed with SIGKILL, beside another application, exiting without stopping logback. */
class ChildProcessTest {
    @TempDir
    Path tmp;

    private Process start(Path store, String... args) throws Exception {
        return ChildJvm.start(LoggingChild.class, List.of("logback.configurationFile=child-logback.xml",
                "storeDir=" + store), tmp.resolve("child.out"), args);
    }

    private String output() throws Exception {
        return Files.readString(tmp.resolve("child.out"));
    }

    @Test
    void kill9_whileLogging_everyAcknowledgedEventIsInTheStore() throws Exception {
        Path store = tmp.resolve("store");
        Path progressFile = tmp.resolve("progress");
        Process child = start(store, "forever", progressFile.toString());
        long[] acknowledged = new long[LoggingChild.THREADS];
        try {
            long threshold = ThreadLocalRandom.current().nextLong(200, 20_000);
            while (!Files.exists(progressFile) || Files.size(progressFile) < 8L * LoggingChild.THREADS) {
                assertTrue(child.isAlive(), this::outputOrEmpty);
                Thread.sleep(10);
            }
            MappedByteBuffer progress;
            try (FileChannel channel = FileChannel.open(progressFile, StandardOpenOption.READ)) {
                progress = channel.map(FileChannel.MapMode.READ_ONLY, 0, 8L * LoggingChild.THREADS);
            }
            while (progress.getLong(0) < threshold || progress.getLong(8) < threshold) {
                assertTrue(child.isAlive(), this::outputOrEmpty);
                Thread.sleep(1);
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(20));
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            for (int t = 0; t < acknowledged.length; t++) {
                acknowledged[t] = progress.getLong(8 * t);
            }
        } finally {
            child.destroyForcibly();
        }

        BitSet[] found = {new BitSet(), new BitSet()};
        for (LogEvent e : LogbackFixture.read(store)) {
            List<Value> arguments = e.arguments();
            found[(int) arguments.get(0).asLong()].set((int) arguments.get(1).asLong());
        }
        for (int t = 0; t < acknowledged.length; t++) {
            int firstMissing = found[t].nextClearBit(0);
            assertTrue(firstMissing >= acknowledged[t], "thread " + t + ": event " + firstMissing + " is missing, "
                    + acknowledged[t] + " were acknowledged");
        }
    }

    private String outputOrEmpty() {
        try {
            return output();
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void secondApplication_onTheSameDirectory_warnsAndWritesItsOwnStoreBeside() throws Exception {
        Path store = tmp.resolve("store");
        LoggerContext first = LogbackFixture.load("capture-logback.xml", store);
        try {
            first.getLogger("first").info("from the first application");
            Process second = start(store, "count", "100");
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, second.exitValue(), this::outputOrEmpty);
            String output = output();
            assertTrue(output.contains("STATUS store " + store + " is already written by pid "
                    + ProcessHandle.current().pid()), output);

            List<LogEvent> fallback = LogbackFixture.read(LogStore.fallbackDirectory(store, second.pid()));
            assertEquals(2 * 100, fallback.size());
            assertTrue(fallback.stream().allMatch(e -> e.run().pid() == second.pid()));
        } finally {
            first.stop();
        }
        List<LogEvent> main = LogbackFixture.read(store);
        assertEquals(1, main.size());
        assertEquals("from the first application", main.get(0).message());
    }

    @Test
    void exit_withoutStoppingLogback_exitsAndKeepsEveryEvent() throws Exception {
        Path store = tmp.resolve("store");
        Process child = start(store, "exit", "500");
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the shutdown hook must not keep the JVM from exiting");
        assertEquals(0, child.exitValue(), this::outputOrEmpty);
        assertEquals(2 * 500, LogbackFixture.read(store).size());
        try (LogStore reopened = LogStore.open(StoreOptions.builder(store).build())) {
            assertEquals(store, reopened.directory());
        }
    }
}
