package io.timberlog.core.internal.wal;

import io.timberlog.core.Damage;
import io.timberlog.core.LogEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

class WalReaderDamageTest {
    private static final int EVENTS = 300;

    @TempDir
    Path dir;
    private Path wal;
    private byte[] original;
    private List<long[]> records;

    @BeforeEach
    void writeWal() throws IOException {
        List<Path> files = WalFixtures.writeStore(dir, EVENTS);
        assertEquals(1, files.size());
        wal = files.get(0);
        original = Files.readAllBytes(wal);
        records = WalFixtures.records(wal);
    }

    private List<long[]> eventRecords() {
        return records.stream().filter(r -> r[1] == WalFormat.RECORD_EVENT).collect(Collectors.toList());
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().collect(Collectors.toList());
    }

    @Test
    void read_intactFile_returnsEverythingWithoutDamage() throws IOException {
        WalFixtures.Read read = WalFixtures.read(wal);
        assertEquals(range(0, EVENTS), read.sequences());
        assertEquals(List.of(), read.damages);
        assertTrue(read.result.sealed);
        assertEquals(SealReason.CLOSE, read.result.sealReason);
        LogEvent e = read.events.get(42);
        assertEquals("order 42 for customer-0 took 42 ms", e.message());
        assertEquals("req-42", e.mdc().get("requestId"));
    }

    @Test
    void read_tornTail_returnsEarlierRecordsAndReportsTruncation() throws IOException {
        long[] last = eventRecords().get(EVENTS - 1);
        truncate(last[0] + last[2] / 2);
        WalFixtures.Read read = WalFixtures.read(wal);
        assertEquals(range(0, EVENTS - 1), read.sequences());
        assertEquals(2, read.corrupt().size(), read.damages.toString());
        assertEquals(last[0], read.corrupt().get(0).start());
        assertEquals(last[0] + last[2] / 2, read.corrupt().get(1).start(), "and the end the file lost");
        assertFalse(read.result.sealed);
    }

    @Test
    void read_tailZeroedFromInsideARecord_returnsEarlierRecordsAndReportsTheCutRecord() throws IOException {
        long[] victim = eventRecords().get(EVENTS - 3);
        byte[] damaged = original.clone();
        java.util.Arrays.fill(damaged, (int) (victim[0] + 12), damaged.length, (byte) 0);
        Files.write(wal, damaged);
        WalFixtures.Read read = WalFixtures.read(wal);
        assertEquals(range(0, EVENTS - 3), read.sequences());
        assertEquals(1, read.corrupt().size(), read.damages.toString());
        assertEquals(victim[0], read.corrupt().get(0).start());
    }

    @Test
    void read_bitFlipInOneEvent_skipsItAndResynchronizes() throws IOException {
        long[] victim = eventRecords().get(100);
        byte[] damaged = original.clone();
        damaged[(int) (victim[0] + victim[2] - 3)] ^= 0x10;
        Files.write(wal, damaged);
        WalFixtures.Read read = WalFixtures.read(wal);
        List<Long> expected = range(0, EVENTS);
        expected.remove(100);
        assertEquals(expected, read.sequences());
        assertEquals(1, read.corrupt().size());
        Damage d = read.corrupt().get(0);
        assertEquals(victim[0], d.start());
        assertTrue(d.end() >= victim[0] + victim[2] && d.end() <= victim[0] + victim[2] + 8, d.toString());
        assertEquals("record checksum mismatch", d.detail());
    }

    @Test
    void read_bitFlipInLengthField_skipsOnlyThatRecord() throws IOException {
        long[] victim = eventRecords().get(150);
        byte[] damaged = original.clone();
        damaged[(int) victim[0] + 3] ^= 0x40; // length becomes huge
        Files.write(wal, damaged);
        WalFixtures.Read read = WalFixtures.read(wal);
        List<Long> expected = range(0, EVENTS);
        expected.remove(150);
        assertEquals(expected, read.sequences());
        assertEquals(1, read.corrupt().size());
        assertTrue(read.corrupt().get(0).detail().startsWith("invalid record length"), read.corrupt().get(0).detail());
    }

    @Test
    void read_zeroedRecordInTheMiddle_isReportedUnpublishedAndLaterRecordsRead() throws IOException {
        long[] victim = eventRecords().get(200);
        byte[] damaged = original.clone();
        java.util.Arrays.fill(damaged, (int) victim[0], (int) (victim[0] + victim[2]), (byte) 0);
        Files.write(wal, damaged);
        WalFixtures.Read read = WalFixtures.read(wal);
        List<Long> expected = range(0, EVENTS);
        expected.remove(200);
        assertEquals(expected, read.sequences());
        assertEquals(List.of(), read.corrupt());
        assertEquals(1, read.damages.size());
        assertEquals(Damage.Kind.UNPUBLISHED, read.damages.get(0).kind());
        assertEquals(victim[0], read.damages.get(0).start());
    }

    @Test
    void read_damagedDictionaryRecord_keepsTheEventsThatUseItWithAPlaceholder() throws IOException {
        long[] dictionary = records.stream().filter(r -> r[1] == WalFormat.RECORD_DICTIONARY).findFirst().orElseThrow();
        byte[] damaged = original.clone();
        damaged[(int) (dictionary[0] + dictionary[2] - 1)] ^= 0x01;
        Files.write(wal, damaged);
        WalFixtures.Read read = WalFixtures.read(wal);
        assertEquals(range(0, EVENTS), read.sequences());
        assertEquals(1, read.corrupt().size());
        assertTrue(read.events.stream().anyMatch(e -> e.logger().startsWith("[unknown string #")));
    }

    @Test
    void read_truncatedAtEveryRecordBoundaryAndInside_neverThrowsAndReturnsAPrefix() throws IOException {
        List<Long> cuts = new ArrayList<>(List.of(0L, 7L, (long) WalFormat.HEADER_SIZE - 1, (long) original.length));
        for (long[] r : records) {
            for (long delta : new long[] {0, 1, 4, 8, 9, r[2] / 2, r[2] - 1}) {
                cuts.add(r[0] + delta);
            }
        }
        for (long cut : cuts) {
            Files.write(wal, java.util.Arrays.copyOf(original, (int) cut));
            WalFixtures.Read read = WalFixtures.read(wal);
            List<Long> seqs = read.sequences();
            assertEquals(range(0, seqs.size()), seqs, "cut at " + cut);
        }
    }

    @Test
    void read_randomBitFlips_neverThrowAndLoseOnlyDamagedRecords() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] damaged = original.clone();
            int flips = 1 + random.nextInt(5);
            for (int i = 0; i < flips; i++) {
                damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
            }
            Files.write(wal, damaged);
            WalFixtures.Read read = WalFixtures.read(wal);
            List<Long> seqs = read.sequences();
            assertTrue(seqs.size() >= EVENTS - flips - 1 || !read.corrupt().isEmpty(), "round " + round);
            assertTrue(seqs.stream().distinct().count() == seqs.size(), "no duplicates, round " + round);
        }
    }

    @Test
    void read_randomGarbage_neverThrows() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            byte[] garbage = new byte[random.nextInt(200_000)];
            random.nextBytes(garbage);
            if (round % 2 == 0 && garbage.length > WalFormat.HEADER_SIZE) {
                System.arraycopy(original, 0, garbage, 0, WalFormat.HEADER_SIZE); // a valid header, then garbage
            }
            Files.write(wal, garbage);
            WalFixtures.Read read = WalFixtures.read(wal);
            assertTrue(read.events.isEmpty() || round % 2 == 0);
            if (garbage.length > WalFormat.HEADER_SIZE + 64) {
                assertFalse(read.corrupt().isEmpty(), "garbage is reported, round " + round);
            }
        }
    }

    @Test
    void read_foreignFile_reportsInvalidHeader() throws IOException {
        Files.write(wal, "this is not a WAL file, just some text that someone put here\n".repeat(10).getBytes());
        WalFixtures.Read read = WalFixtures.read(wal);
        assertTrue(read.events.isEmpty());
        assertEquals("not a valid WAL file header", read.corrupt().get(0).detail());
    }

    private void truncate(long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            f.setLength(length);
        }
    }
}
