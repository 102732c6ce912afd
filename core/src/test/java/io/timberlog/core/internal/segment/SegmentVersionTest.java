package io.timberlog.core.internal.segment;

import io.timberlog.core.LogEvent;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.wal.SealReason;
import io.timberlog.core.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Segment format versions: how WAL files ended is recorded since version 2, the Bloom filters have a
 * frame of their own since version 3, are seeded per block and leave dense integer arguments to ranges
 * since version 4, and versions 1 to 3 are still read.
 */
class SegmentVersionTest {
    /** Written by the version 1 writer: {@code Events.mixed(200, 11)} from WAL file 1, as segment 1. */
    private static final String VERSION_1 = "version1-mixed200-seed11.log";
    /** Written by the version 2 writer: the same events, WAL file 1 sealed by CLOSE at 1,000 ns. */
    private static final String VERSION_2 = "version2-mixed200-seed11.log";
    /** Written by the version 3 writer: the same events, WAL file 1 sealed by CLOSE at 1,000 ns. */
    private static final String VERSION_3 = "version3-mixed200-seed11.log";

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

    @ParameterizedTest
    @ValueSource(strings = {VERSION_2, VERSION_3})
    void open_version2Or3Segment_readsEveryEventSealAndUnseededBloomFilter(String resource) throws Exception {
        Path file = copyOf(resource);
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertEquals(SealReason.CLOSE, reader.info().lastSeal().reason);
            List<LogEvent> events = SegmentRoundTripTest.readAll(reader);
            Events.assertSameEvents(Events.mixed(200, 11), events);
            assertBloomFiltersHoldTheirWords(reader, events);
            reader.checkBloomFilters();
        }
    }

    @Test
    void open_version4Segment_seededBloomFiltersInTheirOwnFrameHoldEveryWord() throws Exception {
        Path file = writeMixed();
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertBloomFiltersHoldTheirWords(reader, SegmentRoundTripTest.readAll(reader));
            reader.checkBloomFilters();
        }
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(4, bytes[SegmentFormat.HEADER_VERSION_OFFSET] | bytes[SegmentFormat.HEADER_VERSION_OFFSET + 1] << 8);
    }

    @Test
    void open_damagedBloomFrame_opensAndAnswersMaybeWhileVerifyingReportsIt() throws Exception {
        Path file = writeMixed();
        byte[] bytes = Files.readAllBytes(file);
        long indexAt = Bytes.getLong(bytes, bytes.length - SegmentFormat.FOOTER_SIZE + SegmentFormat.FOOTER_INDEX_OFFSET);
        bytes[(int) indexAt - 3] ^= 0x10; // a bit of the last Bloom filter, just before the index frame
        Files.write(file, bytes);
        try (SegmentReader reader = SegmentReader.open(file)) {
            Events.assertSameEvents(Events.mixed(200, 11), SegmentRoundTripTest.readAll(reader));
            for (BlockInfo b : reader.blocks()) {
                assertTrue(b.mayContainWord("nowhereinthesemessages"), "a damaged filter must not rule a block out");
            }
            SegmentDamageException e = assertThrows(SegmentDamageException.class, reader::checkBloomFilters);
            assertTrue(e.detail().contains("checksum"), e.detail());
        }
    }

    @Test
    void open_noBloomFrameBetweenDictionaryAndIndex_isDamage() throws Exception {
        Path file = writeMixed();
        byte[] bytes = Files.readAllBytes(file);
        int footer = bytes.length - SegmentFormat.FOOTER_SIZE;
        long dictionaryAt = Bytes.getLong(bytes, footer + SegmentFormat.FOOTER_DICTIONARY_OFFSET);
        long indexAt = Bytes.getLong(bytes, footer + SegmentFormat.FOOTER_INDEX_OFFSET);
        int dictionaryEnd = (int) dictionaryAt + SegmentFormat.FRAME_HEADER_SIZE
                + Bytes.getInt(bytes, (int) dictionaryAt + SegmentFormat.FRAME_STORED_LENGTH_OFFSET);
        // The file without its Bloom frame, the footer pointing at the index where it now is.
        byte[] shorter = new byte[bytes.length - (int) (indexAt - dictionaryEnd)];
        System.arraycopy(bytes, 0, shorter, 0, dictionaryEnd);
        System.arraycopy(bytes, (int) indexAt, shorter, dictionaryEnd, bytes.length - (int) indexAt);
        int newFooter = shorter.length - SegmentFormat.FOOTER_SIZE;
        Bytes.putLong(shorter, newFooter + SegmentFormat.FOOTER_INDEX_OFFSET, dictionaryEnd);
        Bytes.putLong(shorter, newFooter + SegmentFormat.FOOTER_INDEX_END_OFFSET, newFooter);
        CRC32C crc = new CRC32C();
        crc.update(shorter, newFooter, SegmentFormat.FOOTER_CRC_OFFSET);
        Bytes.putInt(shorter, newFooter + SegmentFormat.FOOTER_CRC_OFFSET, (int) crc.getValue());
        Files.write(file, shorter);
        SegmentDamageException e = assertThrows(SegmentDamageException.class, () -> SegmentReader.open(file).close());
        assertTrue(e.detail().contains("Bloom"), e.detail());
    }

    /** Every word of every event is in its block's filter, and a word of none is not in all of them. */
    private static void assertBloomFiltersHoldTheirWords(SegmentReader reader, List<LogEvent> events) {
        int e = 0;
        boolean anyRuledOut = false;
        for (BlockInfo b : reader.blocks()) {
            for (int i = 0; i < b.eventCount(); i++, e++) {
                assertTrue(b.holdsWordsOf(events.get(e)), "words of event " + e);
            }
            anyRuledOut |= !b.mayContainWord("nowhereinthesemessages");
        }
        assertTrue(anyRuledOut, "the filters must rule blocks out");
    }

    private Path writeMixed() throws Exception {
        Path file = dir.resolve("segment_000001.log");
        try (SegmentWriter writer = SegmentWriter.create(file, 1)) {
            writer.addWalId(1);
            Events.mixed(200, 11).forEach(e -> add(writer, e));
            writer.finish();
        }
        return file;
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
        return copyOf(VERSION_1);
    }

    private Path copyOf(String resource) throws Exception {
        Path file = dir.resolve("segment_000001.log");
        try (InputStream in = SegmentVersionTest.class.getResourceAsStream(resource)) {
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
