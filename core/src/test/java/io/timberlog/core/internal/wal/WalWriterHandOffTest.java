package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.StoreReader;
import io.timberlog.core.internal.io.Mapping;
import io.timberlog.core.internal.manifest.ManifestLoader;
import io.timberlog.core.internal.manifest.SegmentManager;
import io.timberlog.core.query.StoreSet;
import io.timberlog.core.query.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.timberlog.core.internal.wal.WalFixtures.waitUntil;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Sealed files reach the flusher, and through it the segment manager, in the order they were written,
 * however long the thread that sealed one is descheduled after its rotation: meanwhile other threads fill
 * and seal the next file, and the store closes. Each test holds that thread there by hand
 * ({@link WalWriter.RotationListener}), as the scheduler may, for as long as the test needs.
 */
class WalWriterHandOffTest {
    private static final int EVENTS_PER_FILE = 5;

    @TempDir
    Path dir;
    private final List<Long> handedOn = new CopyOnWriteArrayList<>();
    private final HeldSealer held = new HeldSealer();
    private final ForceRecordingIo io = new ForceRecordingIo();
    private WalWriter writer;
    private Thread sealer;
    private long nextEvent;

    /** Holds the thread that sealed one chosen file, right after its rotation (or before), until released. */
    private static final class HeldSealer implements WalWriter.RotationListener {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        volatile long walId = -1;
        volatile boolean beforeRotation;

        @Override
        public void beforeRotation(ActiveWal sealed) {
            if (beforeRotation) {
                hold(sealed);
            }
        }

        @Override
        public void afterRotation(ActiveWal sealed) {
            if (!beforeRotation) {
                hold(sealed);
            }
        }

        private void hold(ActiveWal sealed) {
            if (sealed.walId() != walId) {
                return;
            }
            reached.countDown();
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        held.released.countDown();
        if (sealer != null) {
            sealer.join(60_000);
        }
        if (writer != null) {
            writer.close(Duration.ofSeconds(1).toNanos()); // returns at once when the test closed it
        }
    }

    /** Fails the forces of one WAL file, as an I/O error does. */
    private static final class FailingForcesIo extends WalIo {
        volatile long failingWalId = -1;

        @Override
        void force(Mapping mapping, int from, int to) {
            if (mapping.buffer().getLong(WalFormat.HEADER_WAL_ID_OFFSET) == failingWalId) {
                throw new UncheckedIOException(new IOException("Input/output error"));
            }
            super.force(mapping, from, to);
        }
    }

    private StoreOptions options() {
        return WalFixtures.quietOptions(dir).build();
    }

    private void open(SealedWalListener listener) throws IOException {
        writer = WalWriter.open(options(), WalFixtures.RUN, 1, 0, listener, io, held);
    }

    private List<Long> sequencesRead() throws IOException {
        List<Long> sequences = new ArrayList<>();
        StoreReader.open(dir).readAll(event -> sequences.add(event.sequence()));
        return sequences;
    }

    private static void assertReadInOrder(int events, List<Long> sequences) {
        assertEquals(events, sequences.size(), sequences.toString());
        for (int i = 0; i < events; i++) {
            assertEquals(i, (long) sequences.get(i), "read in the order appended: " + sequences);
        }
    }

    private void appendEvents() {
        CapturedEvent e = new CapturedEvent();
        for (int i = 0; i < EVENTS_PER_FILE; i++) {
            assertTrue(writer.append(WalFixtures.event(e, nextEvent++)));
        }
    }

    /**
     * Appends to the current file, seals it as full on a thread of its own and holds that thread after the
     * rotation; appends to the next file, once it is current. Returns the file sealed.
     */
    private ActiveWal sealCurrentAndHoldItsSealer() throws Exception {
        appendEvents();
        ActiveWal first = writer.current();
        held.walId = first.walId();
        sealer = new Thread(() -> first.forceSeal(SealReason.FULL), "test-sealer");
        sealer.start();
        assertTrue(held.reached.await(60, TimeUnit.SECONDS), "the sealer got past the rotation");
        waitUntil(() -> writer.current() != null && writer.current() != first);
        appendEvents();
        return first;
    }

    @Test
    void rotation_whileTheSealerOfTheFileBeforeIsHeld_handsTheFilesOnInTheirOrder() throws Exception {
        open((walId, file) -> handedOn.add(walId));
        ActiveWal first = sealCurrentAndHoldItsSealer();
        ActiveWal second = writer.current();
        assertTrue(second.forceSeal(SealReason.FULL));
        waitUntil(() -> handedOn.contains(second.walId()));

        held.released.countDown();
        waitUntil(() -> handedOn.contains(first.walId()));
        assertEquals(List.of(first.walId(), second.walId()), handedOn);
    }

    /**
     * The note that found it: "when two files are sealed in quick succession, their sealing threads can
     * hand them to the flusher out of order; the file a close waits on may then not be the older one".
     */
    @Test
    void close_whileTheSealerOfTheFileBeforeTheLastSealedIsHeld_handsOnAndForcesEveryFileFirst() throws Exception {
        open((walId, file) -> handedOn.add(walId));
        ActiveWal first = sealCurrentAndHoldItsSealer();
        ActiveWal second = writer.current();
        assertTrue(second.forceSeal(SealReason.FULL));

        writer.close(Duration.ofSeconds(5).toNanos());

        assertTrue(handedOn.size() >= 2, handedOn.toString());
        assertEquals(List.of(first.walId(), second.walId()), handedOn.subList(0, 2), "handed on, in order");
        byte[] durable = io.durableCopy().get(first.walId());
        assertNotNull(durable, "the file before was forced");
        int seal = (int) first.sealPosition();
        byte[] file = Files.readAllBytes(first.path());
        assertArrayEquals(Arrays.copyOfRange(file, 0, seal + SealRecord.LENGTH),
                Arrays.copyOfRange(durable, 0, seal + SealRecord.LENGTH), "the file before was forced up to its seal");
    }

    /**
     * What the order is for: the segment manager converts the files as they come, and readers read the
     * segments in the order they were made, then the WAL files left. A file handed on late got its segment
     * after the later files': read after their events, and reported by verify as out of order, for good.
     */
    @Test
    void close_whileTheSealerOfTheFileBeforeTheLastSealedIsHeld_keepsTheSegmentsInSequenceOrder() throws Exception {
        StoreOptions options = options();
        SegmentManager segments = SegmentManager.open(options, ManifestLoader.load(dir));
        open(segments);
        segments.start(writer.currentWalId());
        sealCurrentAndHoldItsSealer();
        assertTrue(writer.current().forceSeal(SealReason.FULL));

        writer.close(Duration.ofSeconds(5).toNanos());
        segments.close(Duration.ofSeconds(10));
        held.released.countDown();
        sealer.join(60_000);
        StoreMaintenance.compact(options); // what the next start does with a WAL file left

        VerifyReport report = StoreSet.open(dir).verify();
        assertTrue(report.isWhole(), report.problems().toString());
        assertReadInOrder(2 * EVENTS_PER_FILE, sequencesRead());
    }

    /**
     * A failed force of the current file seals it, so that writing moves on. When another thread had just
     * sealed it as full and was not yet done with its rotation, the flusher used to make the next file
     * current itself, before that thread could: with the base sequence of the full file, whose count was
     * not taken yet, so the next events got its sequence numbers again.
     */
    @Test
    void forceFailing_whileTheSealerIsHeldBeforeItsRotation_leavesTheRotationToIt() throws Exception {
        FailingForcesIo failing = new FailingForcesIo();
        writer = WalWriter.open(WalFixtures.quietOptions(dir).maxForceWait(Duration.ofSeconds(60)).build(),
                WalFixtures.RUN, 1, 0, SealedWalListener.NONE, failing, held);
        appendEvents();
        ActiveWal first = writer.current();
        held.walId = first.walId();
        held.beforeRotation = true;
        sealer = new Thread(() -> first.forceSeal(SealReason.FULL), "test-sealer");
        sealer.start();
        assertTrue(held.reached.await(60, TimeUnit.SECONDS), "the sealer reached its rotation");
        failing.failingWalId = first.walId();
        assertTrue(writer.sync(), "the flusher's round, whose force of the current file failed, is over");

        held.released.countDown();
        sealer.join(60_000);
        waitUntil(() -> writer.current() != null && writer.current() != first);
        appendEvents();
        writer.close(Duration.ofSeconds(5).toNanos());

        assertReadInOrder(2 * EVENTS_PER_FILE, sequencesRead());
    }
}
