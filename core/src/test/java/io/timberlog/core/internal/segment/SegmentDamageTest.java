package io.timberlog.core.internal.segment;

import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreReader;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.testing.Events;
import io.timberlog.core.testing.WalFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.timberlog.core.testing.FileDamage.flipByte;
import static org.junit.jupiter.api.Assertions.*;

/** Damaged segment bytes are reported with their range; everything intact around them is still read. */
class SegmentDamageTest {
    @TempDir
    Path dir;

    @Test
    void readAll_blockWithBadCrc_reportsItAndReadsTheOtherBlocks() throws Exception {
        List<LogEvent> events = Events.mixed(10_000, 5);
        Path segments = SegmentFiles.directory(dir);
        Files.createDirectories(segments);
        Path file = SegmentFiles.path(dir, 1);
        SegmentRoundTripTest.write(file, 1, events, 1);
        io.timberlog.core.internal.manifest.ManifestFileAccess.list(dir, file);
        BlockInfo middle;
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertTrue(reader.blocks().size() >= 3);
            middle = reader.blocks().get(1);
        }
        flipByte(file, middle.frameOffset() + middle.frameLength() / 2);

        List<LogEvent> read = new ArrayList<>();
        StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(read::add);

        assertEquals(1, summary.corruption().size(), summary.damages().toString());
        Damage d = summary.corruption().get(0);
        assertEquals(file, d.file());
        assertEquals(middle.frameOffset(), d.start());
        assertEquals(middle.frameOffset() + middle.frameLength(), d.end());
        assertTrue(d.detail().contains("checksum"), d.detail());
        List<LogEvent> expected = new ArrayList<>(events);
        expected.subList((int) middle.firstSequence(), (int) middle.lastSequence() + 1).clear();
        Events.assertSameEvents(expected, read);
    }

    /** A footer cut off loses every event of the segment: the damage reported is the whole file, not the footer's bytes. */
    @Test
    void readAll_truncatedFooter_reportsTheWholeSegment() throws Exception {
        Path segments = SegmentFiles.directory(dir);
        Files.createDirectories(segments);
        Path file = SegmentFiles.path(dir, 1);
        SegmentRoundTripTest.write(file, 1, Events.mixed(2_000, 5), 1);
        io.timberlog.core.internal.manifest.ManifestFileAccess.list(dir, file);
        long size = Files.size(file) - 20;
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            c.truncate(size);
        }

        StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(e -> { });

        assertEquals(0, summary.events());
        assertEquals(1, summary.corruption().size(), summary.damages().toString());
        Damage d = summary.corruption().get(0);
        assertEquals(0, d.start());
        assertEquals(size, d.end());
        assertTrue(d.detail().startsWith("damaged or missing segment footer (bytes " + (size - 40) + ".." + size + ")"), d.detail());
    }

    @Test
    void readAll_damageFoundWhenConverting_isStillReported() throws Exception {
        WalFixtures.writeRun(dir, 300, 12);
        Path wal = io.timberlog.core.internal.wal.WalFiles.list(dir).get(0);
        flipByte(wal, 4096 + 13); // inside a record of the first WAL file
        long walDamages = StoreReader.open(dir).readAll(e -> { }).corruption().size();
        assertTrue(walDamages > 0);
        StoreMaintenance.compact(WalFixtures.options(dir).build());

        StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(e -> { });

        assertEquals(walDamages, summary.corruption().size());
        assertTrue(summary.corruption().get(0).detail().contains("converted into segment_"),
                summary.corruption().get(0).detail());
        assertEquals(wal, summary.corruption().get(0).file());
    }

    /** Whatever the bytes, the reader answers with events or {@link SegmentDamageException}, nothing else. */
    @Test
    void reader_randomlyDamagedSegments_onlyTypedDamage() throws Exception {
        Path good = dir.resolve("good.log");
        SegmentRoundTripTest.write(good, 1, Events.mixed(6_000, 9), 3);
        byte[] original = Files.readAllBytes(good);
        Random random = new Random(1234);
        Path file = dir.resolve("fuzzed.log");
        for (int round = 0; round < 400; round++) {
            byte[] bytes;
            switch (round % 4) {
                case 0: // a few flipped bytes anywhere
                    bytes = original.clone();
                    for (int i = 0; i < 1 + random.nextInt(4); i++) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                    break;
                case 1: // cut short
                    bytes = java.util.Arrays.copyOf(original, random.nextInt(original.length));
                    break;
                case 2: // a run of garbage
                    bytes = original.clone();
                    int at = random.nextInt(bytes.length);
                    for (int i = at; i < Math.min(bytes.length, at + random.nextInt(200)); i++) {
                        bytes[i] = (byte) random.nextInt();
                    }
                    break;
                default: // nothing but noise
                    bytes = new byte[random.nextInt(4096)];
                    random.nextBytes(bytes);
            }
            Files.write(file, bytes);
            readEverything(file);
        }
    }

    private static void readEverything(Path file) throws Exception {
        try (SegmentReader reader = SegmentReader.open(file)) {
            for (BlockInfo b : reader.blocksNewestFirst()) {
                try {
                    DecodedBlock block = reader.readBlock(b);
                    for (int i = 0; i < block.eventCount(); i++) {
                        block.level(i);
                        block.logger(i);
                        block.epochNanos(i);
                    }
                    for (LogEvent e : block.events()) {
                        e.message();
                        e.throwableText();
                    }
                } catch (SegmentDamageException expected) {
                    assertNotNull(expected.toDamage());
                }
            }
        } catch (SegmentDamageException | UnsupportedFormatException expected) {
            // UnsupportedFormatException only for a header whose CRC matches a higher version: not from noise.
            assertFalse(expected instanceof UnsupportedFormatException, expected.getMessage());
        }
    }
}
