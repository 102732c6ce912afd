package io.timberlog.core.internal.segment;

import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.wal.SealReason;
import io.timberlog.core.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

/** Segment format versions: how WAL files ended is recorded since version 2, and version 1 is still read. */
class SegmentVersionTest {
    /** Written by the version 1 writer: {@code Events.mixed(200, 11)} from WAL file 1, as segment 1. */
    private static final String VERSION_1 = "version1-mixed200-seed11.log";

    @TempDir
    Path dir;

    @Test
    void finish_sealsOfTheWalFiles_readBackPerFile() throws Exception {
        Path file = dir.resolve("segment_000001.log");
        try (SegmentWriter writer = SegmentWriter.create(file, 1)) {
            writer.addWalId(3);
            writer.addWalId(4);
            writer.addSeal(3, SealReason.FULL, 1_000);
            writer.addSeal(4, SealReason.CLOSE, 2_000);
            Events.mixed(10, 1).forEach(e -> add(writer, e));
            writer.finish();
        }
        try (SegmentReader reader = SegmentReader.open(file)) {
            List<SegmentInfo.WalSeal> seals = reader.info().seals();
            assertEquals(2, seals.size());
            assertEquals(SealReason.FULL, seals.get(0).reason);
            assertEquals(1_000, seals.get(0).epochNanos);
            assertEquals(4, reader.info().lastSeal().walId);
            assertEquals(SealReason.CLOSE, reader.info().lastSeal().reason);
            assertEquals(2_000, reader.info().lastSeal().epochNanos);
        }
    }

    @Test
    void finish_walFileWithoutSeal_readsBackAsNoReason() throws Exception {
        Path file = dir.resolve("segment_000001.log");
        try (SegmentWriter writer = SegmentWriter.create(file, 1)) {
            writer.addWalId(7);
            writer.addSeal(7, null, 0);
            Events.mixed(10, 1).forEach(e -> add(writer, e));
            writer.finish();
        }
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertNull(reader.info().lastSeal().reason);
            assertEquals(0, reader.info().lastSeal().epochNanos);
        }
    }

    @Test
    void open_version1Segment_readsEveryEventAndKnowsNoSeal() throws Exception {
        Path file = copyOfVersion1();
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertEquals(List.of(), reader.info().seals());
            assertNull(reader.info().lastSeal());
            assertArrayEquals(new long[] {1}, reader.info().walIds());
            Events.assertSameEvents(Events.mixed(200, 11), SegmentRoundTripTest.readAll(reader));
        }
    }

    @Test
    void open_footerVersionOtherThanTheHeaders_isDamage() throws Exception {
        Path file = copyOfVersion1();
        byte[] bytes = Files.readAllBytes(file);
        int footer = bytes.length - SegmentFormat.FOOTER_SIZE;
        Bytes.putShort(bytes, footer + SegmentFormat.FOOTER_VERSION_OFFSET, 2);
        CRC32C crc = new CRC32C();
        crc.update(bytes, footer, SegmentFormat.FOOTER_CRC_OFFSET);
        Bytes.putInt(bytes, footer + SegmentFormat.FOOTER_CRC_OFFSET, (int) crc.getValue());
        Files.write(file, bytes);
        SegmentDamageException e = assertThrows(SegmentDamageException.class, () -> SegmentReader.open(file).close());
        assertTrue(e.detail().contains("version"), e.detail());
    }

    private Path copyOfVersion1() throws Exception {
        Path file = dir.resolve("segment_000001.log");
        try (InputStream in = SegmentVersionTest.class.getResourceAsStream(VERSION_1)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static void add(SegmentWriter writer, io.timberlog.core.LogEvent e) {
        try {
            writer.add(e);
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
    }
}
