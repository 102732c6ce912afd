package io.timberlog.core;

import io.timberlog.core.query.StoreSet;
import io.timberlog.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real full disk (a small tmpfs) under a store that rotates and converts: the WAL files are allocated
 * before use, so writing into their mappings never meets the full disk (no SIGBUS); creating the next
 * WAL file and writing segments fail, are reported and counted, and resume once space returns.
 */
class DiskFullTest {
    @TempDir
    Path tmp;

    @Test
    void appendAndConvert_whileTheDiskIsFull_keepEveryAcknowledgedEventAndResumeWhenSpaceReturns() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("mnt"), "6m")) {
            Path dir = fs.path().resolve("store");
            List<String> problems = new CopyOnWriteArrayList<>();
            BitSet acknowledged = new BitSet();
            StoreOptions options = StoreOptions.builder(dir).maxWalSize(StoreOptions.MIN_WAL_SIZE)
                    .maxEventSize(StoreOptions.MIN_EVENT_SIZE).overload(OverloadPolicy.DROP)
                    .problemListener((m, c) -> problems.add(m)).build();
            CapturedEvent e = new CapturedEvent();
            int i = 0;
            try (LogStore store = LogStore.open(options)) {
                for (; i < 5_000; i++) {
                    append(store, e, i, acknowledged);
                }
                // Conversion waits out the start (2 s): the disk fills once it converts, so that it fails too.
                long converting = System.nanoTime() + 60_000_000_000L;
                while (!Files.isDirectory(dir.resolve("segments")) || isEmpty(dir.resolve("segments"))) {
                    assertTrue(System.nanoTime() < converting, "conversion starts");
                    append(store, e, i++, acknowledged);
                    Thread.sleep(1);
                }
                for (int episode = 1; episode <= 2; episode++) { // the second within the minute of quiet
                    Path filler = fs.fill();
                    long droppedBefore = store.stats().droppedEvents();
                    long fullUntil = System.nanoTime() + 2_000_000_000L; // the writer and the converter retry every second
                    long giveUp = fullUntil + 60_000_000_000L;
                    while (store.stats().droppedEvents() == droppedBefore || System.nanoTime() < fullUntil) {
                        if (System.nanoTime() > giveUp) {
                            fail("a full disk leads to drops; " + store.stats() + ", problems: " + problems);
                        }
                        append(store, e, i++, acknowledged);
                    }
                    Files.delete(filler);
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    for (int consecutive = 0; consecutive < 1_000; i++) {
                        assertTrue(System.nanoTime() < deadline, "capture resumes once space returns");
                        consecutive = append(store, e, i, acknowledged) ? consecutive + 1 : 0;
                        if (consecutive == 0) {
                            Thread.sleep(1);
                        }
                    }
                    long told = System.nanoTime() + 10_000_000_000L;
                    while (problems.stream().filter(p -> p.contains("writing works again")).count() < episode) {
                        assertTrue(System.nanoTime() < told, "episode " + episode + ": the listener is told it "
                                + "cleared; problems: " + problems);
                        append(store, e, i++, acknowledged);
                        Thread.sleep(1);
                    }
                }
                for (int after = 0; after < 20_000; after++, i++) {
                    append(store, e, i, acknowledged);
                }
            }
            assertTrue(problems.stream().anyMatch(p -> p.contains("cannot create the next WAL file")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("into a segment failed")), problems.toString());

            List<LogEvent> events = new ArrayList<>();
            StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(events::add);
            assertEquals(List.of(), summary.corruption());
            BitSet stored = new BitSet();
            for (LogEvent event : events) {
                if (event.logger().equals("disk")) {
                    int n = (int) event.arguments().get(0).asLong();
                    assertFalse(stored.get(n), "event " + n + " stored twice");
                    stored.set(n);
                }
            }
            BitSet missing = (BitSet) acknowledged.clone();
            missing.andNot(stored);
            assertEquals("{}", missing.toString(), "acknowledged events missing");
            assertTrue(events.stream().anyMatch(x -> x.logger().equals("io.timberlog.store")), "the drops are recorded");
            assertTrue(StoreSet.open(dir).verify().isWhole());
            try (Stream<Path> segments = Files.list(dir.resolve("segments"))) {
                List<String> names = segments.map(p -> p.getFileName().toString()).collect(Collectors.toList());
                assertTrue(names.stream().anyMatch(n -> n.endsWith(".log")), names.toString());
            }
        }
    }

    private static boolean isEmpty(Path directory) throws java.io.IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return !files.findAny().isPresent();
        }
    }

    private static boolean append(LogStore store, CapturedEvent e, int i, BitSet acknowledged) {
        boolean stored = store.append(e.reset().logger("disk").message("event {} with words to fill the disk sooner",
                MessageStyle.SLF4J).addArgument(i));
        if (stored) {
            acknowledged.set(i);
        }
        return stored;
    }
}
