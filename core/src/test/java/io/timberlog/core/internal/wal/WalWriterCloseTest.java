package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Damage;
import io.timberlog.core.FsyncPolicy;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.Mapping;
import io.timberlog.core.internal.io.Varint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.timberlog.core.internal.wal.WalFixtures.waitUntil;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A close waits for the appends under way before it writes the seal that ends the run cleanly: readers
 * take room left unpublished in such a run for lost events. Each test reserves room as an append does
 * and publishes a record into it by hand (or never), so that the append stays under way for as long as
 * the test needs.
 */
class WalWriterCloseTest {
    private static final long LONG_CLOSE_NANOS = Duration.ofSeconds(60).toNanos();
    private static final int EVENTS = 10;

    @TempDir
    Path dir;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> closeFailure = new AtomicReference<>();
    private WalWriter writer;
    private Thread closing;

    /** Room reserved in a file as an append reserves it, and the record it is meant for: an append under way. */
    private static final class UnfinishedAppend {
        final ActiveWal wal;
        final long offset;
        final byte[] record;

        UnfinishedAppend(ActiveWal wal) {
            this.wal = wal;
            this.record = dictionaryRecord(wal, "defined by an append the close waits for");
            long reserved = wal.reserve((int) Bytes.align8(record.length), false, SealReason.FULL);
            assertNotEquals(ActiveWal.FULL, reserved);
            this.offset = reserved & ActiveWal.OFFSET_MASK;
        }

        void publish() {
            wal.publish(wal.newView(), offset, record, record.length);
        }

        /** A dictionary record as EventEncoder writes one, under an id of its own; length and CRC filled in. */
        private static byte[] dictionaryRecord(ActiveWal wal, String s) {
            byte[] text = s.getBytes(StandardCharsets.UTF_8);
            byte[] record = new byte[WalFormat.RECORD_BODY_OFFSET + 2 * Varint.MAX_LENGTH + text.length];
            record[WalFormat.RECORD_TYPE_OFFSET] = WalFormat.RECORD_DICTIONARY;
            int p = Varint.write(record, WalFormat.RECORD_BODY_OFFSET, wal.dictionary().allocateId());
            p = Varint.write(record, p, text.length);
            System.arraycopy(text, 0, record, p, text.length);
            record = Arrays.copyOf(record, p + text.length);
            ActiveWal.finish(record, record.length);
            return record;
        }
    }

    /** Counts the forces of WAL files and keeps what they made durable. */
    private static final class CountingIo extends WalIo {
        final ForceRecordingIo recording = new ForceRecordingIo();
        final AtomicInteger forces = new AtomicInteger();

        @Override
        void force(Mapping mapping, int from, int to) {
            recording.force(mapping, from, to);
            forces.incrementAndGet();
        }

        @Override
        void forceFile(Path path) throws IOException {
            recording.forceFile(path);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (closing != null) {
            closing.join(60_000);
        }
        if (writer != null) {
            writer.close(Duration.ofSeconds(1).toNanos()); // returns at once when the test closed it
        }
    }

    private StoreOptions.Builder options() {
        return StoreOptions.builder(dir).problemListener((message, cause) -> problems.add(message));
    }

    private void openWithEvents(StoreOptions options, WalIo io) throws IOException {
        writer = WalWriter.open(options, WalFixtures.RUN, io);
        CapturedEvent e = new CapturedEvent();
        for (int i = 0; i < EVENTS; i++) {
            assertTrue(writer.append(WalFixtures.event(e, i)));
        }
    }

    private void startClose(long timeoutNanos) throws Exception {
        closing = new Thread(() -> {
            try {
                writer.close(timeoutNanos);
            } catch (Throwable t) {
                closeFailure.set(t);
            }
        }, "test-close");
        closing.start();
        waitUntil(() -> writer.isClosed());
        // Time enough for a close that does not wait to write its seal; one that waits does so for a second.
        Thread.sleep(100);
    }

    private void awaitClosed() throws Exception {
        closing.join(60_000);
        assertFalse(closing.isAlive(), "close returned");
        assertNull(closeFailure.get(), "close threw");
    }

    @Test
    void close_whileAnAppendIsUnderWay_sealsOnlyAfterItsRecordIsPublished() throws Exception {
        openWithEvents(options().build(), WalIo.REAL);
        ActiveWal wal = writer.current();
        UnfinishedAppend append = new UnfinishedAppend(wal);

        startClose(LONG_CLOSE_NANOS);
        assertFalse(wal.isSealed(), "no seal while an append is under way");
        assertFalse(WalFixtures.read(wal.path()).result.sealed, "no seal in the file while an append is under way");
        append.publish();
        awaitClosed();

        WalFixtures.Read read = WalFixtures.read(wal.path());
        assertEquals(List.of(), read.damages, "no unpublished room before the clean end");
        assertEquals(SealReason.CLOSE, read.result.sealReason);
        assertEquals(EVENTS, read.events.size());
        List<long[]> records = WalFixtures.records(wal.path());
        long[] late = records.get(records.size() - 2);
        assertEquals(append.offset, late[0], "the late record is the last before the seal");
        assertEquals(WalFormat.RECORD_DICTIONARY, late[1]);
        assertEquals(WalFormat.RECORD_SEAL, records.get(records.size() - 1)[1]);
    }

    @Test
    void close_rightAfterARotation_waitsForTheAppendUnderWayInTheSealedFile() throws Exception {
        openWithEvents(options().build(), WalIo.REAL);
        ActiveWal first = writer.current();
        UnfinishedAppend append = new UnfinishedAppend(first);
        assertTrue(first.forceSeal(SealReason.FULL)); // a rotation does not wait for the append
        waitUntil(() -> writer.current() != null && writer.current() != first);
        ActiveWal last = writer.current();

        startClose(LONG_CLOSE_NANOS);
        assertFalse(last.isSealed(), "no clean end while an append is under way in the file before");
        append.publish();
        awaitClosed();

        WalFixtures.Read sealedFull = WalFixtures.read(first.path());
        assertEquals(List.of(), sealedFull.damages);
        assertEquals(SealReason.FULL, sealedFull.result.sealReason);
        WalFixtures.Read closed = WalFixtures.read(last.path());
        assertEquals(List.of(), closed.damages);
        assertEquals(SealReason.CLOSE, closed.result.sealReason);
    }

    @Test
    void close_whenAnAppendNeverFinishes_sealsWithinHalfItsTimeoutAndReportsIt() throws Exception {
        openWithEvents(options().build(), WalIo.REAL);
        ActiveWal wal = writer.current();
        UnfinishedAppend append = new UnfinishedAppend(wal);
        long closeNanos = Duration.ofSeconds(1).toNanos();
        long startMillis = System.currentTimeMillis();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> writer.close(closeNanos));

        WalFixtures.Read read = WalFixtures.read(wal.path());
        assertEquals(SealReason.CLOSE, read.result.sealReason);
        long sealedAfterMillis = read.result.sealEpochNanos / 1_000_000L - startMillis;
        assertTrue(sealedAfterMillis < 1_000, "sealed before the close's deadline, " + sealedAfterMillis + " ms");
        assertEquals(1, read.damages.size(), read.damages.toString());
        Damage room = read.damages.get(0);
        assertEquals(Damage.Kind.UNPUBLISHED, room.kind());
        assertEquals(append.offset, room.start());
        assertTrue(problems.stream().anyMatch(p -> p.contains("did not finish in time")), problems.toString());
    }

    @Test
    void close_withALongTimeout_waitsForAnUnfinishedAppendAboutASecond() throws Exception {
        openWithEvents(options().build(), WalIo.REAL);
        ActiveWal wal = writer.current();
        UnfinishedAppend append = new UnfinishedAppend(wal);
        long start = System.nanoTime();

        startClose(LONG_CLOSE_NANOS);
        waitUntil(wal::isSealed);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000L;
        assertTrue(waitedMillis >= 1_000, "waited its second, " + waitedMillis + " ms");
        assertTrue(waitedMillis < 10_000, "not half the close's 60 s, " + waitedMillis + " ms");
        append.publish(); // lets the flusher finish: the file stays mapped until it is quiescent
        awaitClosed();
    }

    @Test
    void close_whileItWaits_stillForcesItsSeal() throws Exception {
        CountingIo io = new CountingIo();
        openWithEvents(options().fsync(FsyncPolicy.INTERVAL).fsyncInterval(Duration.ofMillis(1)).build(), io);
        ActiveWal wal = writer.current();
        UnfinishedAppend append = new UnfinishedAppend(wal);

        startClose(LONG_CLOSE_NANOS);
        int forcesBefore = io.forces.get();
        waitUntil(() -> io.forces.get() >= forcesBefore + 2); // the flusher forced the file while the close waited
        append.publish();
        awaitClosed();

        int seal = (int) wal.sealPosition();
        byte[] file = Files.readAllBytes(wal.path());
        byte[] durable = io.recording.durableCopy().get(wal.walId());
        assertArrayEquals(Arrays.copyOfRange(file, seal, seal + SealRecord.LENGTH),
                Arrays.copyOfRange(durable, seal, seal + SealRecord.LENGTH), "the seal record was forced");
    }
}
