package io.timberlog.bench.query;

import io.timberlog.bench.RunDirectories;
import io.timberlog.core.StoreReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryDatasetTest {
    private static final long EVENTS = 10_000;
    private final Path dir = Path.of("target", "query-dataset-test");

    @AfterEach
    void deleteData() throws Exception {
        RunDirectories.delete(dir);
    }

    @Test
    void create_smallDataset_storeAndTextHoldTheSameNumberOfEvents() throws Exception {
        QueryDataset data = QueryDataset.create(Files.createDirectories(dir), EVENTS);

        AtomicLong stored = new AtomicLong();
        StoreReader.open(data.store()).readAll(e -> stored.incrementAndGet());
        assertEquals(EVENTS, stored.get());
        assertEquals(EVENTS, Files.readAllLines(data.text()).size());
    }

    @Test
    void textCommand_valueThatOccursOnce_matchesOneLine() throws Exception {
        QueryDataset data = QueryDataset.create(Files.createDirectories(dir), EVENTS);
        QueryCase needle = QueryCase.all(data).get(2);

        Process grep = new ProcessBuilder("bash", "-c", needle.textCommand(data)).start();
        String matched = new String(grep.getInputStream().readAllBytes());
        grep.waitFor();

        assertEquals(1, matched.lines().count(), matched);
    }

    @Test
    void compare_commandThatFails_saysWhichCommand() throws Exception {
        QueryDataset data = QueryDataset.create(Files.createDirectories(dir), EVENTS);

        IOException e = assertThrows(IOException.class,
                () -> QueryBench.compare(data, dir.resolve("no-such-timberlog").toString()));

        assertTrue(e.getMessage().contains("no-such-timberlog"), e.getMessage());
    }
}
