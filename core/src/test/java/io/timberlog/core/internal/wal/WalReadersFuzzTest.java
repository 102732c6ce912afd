package io.timberlog.core.internal.wal;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreReader;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.testing.Fuzz;
import io.timberlog.core.testing.StoreCopies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Fuzzes the readers of WAL files and {@code wal.meta} with inputs that pass the checksums: a random bit
 * flip is caught by a CRC long before it reaches a parser (WalReaderDamageTest covers that), so here the
 * bytes are damaged first and the checksums made to match after, which is what a bug in a writer, or
 * someone writing the files on purpose, produces. Readers must answer with events and damage reports,
 * never with an exception, a hang or an allocation the bytes asked for.
 */
@Timeout(120)
class WalReadersFuzzTest {
    private static final int EVENTS = 70;

    @TempDir
    Path dir;
    private byte[] original;
    private List<long[]> records;
    private Path wal;

    @BeforeEach
    void writeWal() throws IOException {
        io.timberlog.core.testing.WalFixtures.writeRun(dir.resolve("source"), EVENTS, 11);
        List<Path> files = WalFiles.list(dir.resolve("source"));
        assertEquals(1, files.size(), "one file: every record of the run is a fuzzing target");
        records = WalFixtures.records(files.get(0));
        long[] last = records.get(records.size() - 1);
        original = Arrays.copyOf(Files.readAllBytes(files.get(0)), (int) (last[0] + last[2]));
        wal = dir.resolve("fuzzed.wal");
    }

    /** Dictionary, event and seal record bodies damaged, lengths and CRCs made to match: the decoders' inputs. */
    @Test
    void read_recordsWithValidChecksums_onlyEventsAndDamage() throws Exception {
        long events = records.stream().filter(r -> r[1] == WalFormat.RECORD_EVENT).count();
        Fuzz.run("wal-records", 1_000, 200, random -> {
            int damaged = 1 + random.nextInt(3);
            Files.write(wal, rebuild(random, damaged));
            WalFixtures.Read read = WalFixtures.read(wal);
            for (LogEvent e : read.events) {
                touch(e);
            }
            assertTrue(read.events.size() >= events - damaged,
                    read.events.size() + " of " + events + " events with " + damaged + " records damaged");
        });
    }

    /** The file header with a valid CRC and fields out of range: host length, version, sizes, ids. */
    @Test
    void read_headerWithValidChecksum_neverThrows() throws Exception {
        Fuzz.run("wal-header", 2_000, 200, random -> {
            byte[] b = original.clone();
            byte[] header = Fuzz.mutate(Arrays.copyOf(b, WalFormat.HEADER_CRC_OFFSET), random);
            System.arraycopy(header, 0, b, 0, Math.min(header.length, WalFormat.HEADER_CRC_OFFSET));
            if (random.nextBoolean()) {
                Bytes.putLong(b, WalFormat.HEADER_MAGIC_OFFSET, WalFormat.MAGIC);
            }
            // A newer version is refused with its own exception (tested elsewhere); here the fields beside it.
            Bytes.putShort(b, WalFormat.HEADER_VERSION_OFFSET, Math.min(WalFormat.VERSION, b[WalFormat.HEADER_VERSION_OFFSET] & 0xFF));
            Bytes.putInt(b, WalFormat.HEADER_CRC_OFFSET, crc(b, 0, WalFormat.HEADER_CRC_OFFSET));
            Files.write(wal, b);
            for (LogEvent e : WalFixtures.read(wal).events) {
                touch(e);
            }
        });
    }

    /**
     * {@code wal.meta} is a hint with a valid CRC and any values: the store still opens, appends, closes,
     * and every event of the run before is read back beside the new one.
     */
    @Test
    void open_withHostileMetaHint_opensAndKeepsEveryEvent() throws Exception {
        Path source = dir.resolve("source");
        List<String> before = messages(io.timberlog.core.testing.WalFixtures.readAll(source));
        byte[] meta = Files.readAllBytes(source.resolve(WalFiles.META));
        long[] interesting = {0, -1, 1, 127, 128, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Integer.MAX_VALUE,
                original.length, original.length - 8, WalFormat.HEADER_SIZE - 1, WalFormat.HEADER_SIZE + 3, EVENTS,
                EVENTS - 1, 1L << 40};
        Fuzz.run("wal-meta", 3_000, 40, random -> { // inputs 26 and 36 found the bugs fixed in WalMeta
            Path store = dir.resolve("store");
            StoreCopies.replace(source, store);
            byte[] b = meta.clone();
            for (int slot = 0; slot + WalMeta.SLOT_SIZE <= b.length; slot += WalMeta.SLOT_SIZE) {
                for (int field = 16; field < 56; field += 8) { // generation, WAL id, offset, next sequence, time
                    if (random.nextInt(3) == 0) {
                        long value = interesting[random.nextInt(interesting.length)];
                        Bytes.putLong(b, slot + field, random.nextBoolean() ? value : Bytes.getLong(b, slot + field) + value);
                    }
                }
                Bytes.putInt(b, slot + WalMeta.SLOT_SIZE - 4, crc(b, slot, WalMeta.SLOT_SIZE - 4));
            }
            Files.write(store.resolve(WalFiles.META), b);
            try (LogStore s = LogStore.open(WalFixtures.quietOptions(store).build())) {
                assertTrue(s.append(new CapturedEvent().message("after the hint", MessageStyle.LITERAL)));
            }
            List<LogEvent> read = new ArrayList<>();
            StoreReader.ReadSummary summary = StoreReader.open(store).readAll(read::add);
            assertEquals(List.of(), summary.corruption());
            // Sequence numbers are not compared: a forged hint may name any next sequence (see RELIABILITY.md).
            assertEquals(before, messages(read.subList(0, EVENTS)));
            assertEquals(List.of("after the hint"), messages(read.subList(EVENTS, read.size())));
        });
    }

    /** The original file with {@code damaged} records' bodies mutated and their lengths and CRCs made to match. */
    private byte[] rebuild(Random random, int damaged) {
        int[] targets = new int[damaged];
        for (int i = 0; i < damaged; i++) {
            targets[i] = random.nextInt(records.size());
        }
        byte[] out = new byte[original.length * 2 + 4096];
        System.arraycopy(original, 0, out, 0, WalFormat.HEADER_SIZE);
        int at = WalFormat.HEADER_SIZE;
        for (int r = 0; r < records.size(); r++) {
            long[] record = records.get(r);
            int start = (int) record[0] + WalFormat.RECORD_TYPE_OFFSET;
            byte[] body = Arrays.copyOfRange(original, start, (int) (record[0] + record[2]));
            for (int t : targets) {
                if (t == r) {
                    byte type = body[0];
                    body = Fuzz.mutate(body, random);
                    body = body.length == 0 ? new byte[] {type} : body;
                    body[0] = type;
                }
            }
            int length = WalFormat.RECORD_TYPE_OFFSET + body.length;
            if (at + Bytes.align8(length) > out.length) {
                out = Arrays.copyOf(out, out.length * 2 + length);
            }
            Bytes.putInt(out, at, length);
            System.arraycopy(body, 0, out, at + WalFormat.RECORD_TYPE_OFFSET, body.length);
            CRC32C crc = new CRC32C();
            crc.update(out, at, 4);
            crc.update(body, 0, body.length);
            Bytes.putInt(out, at + WalFormat.RECORD_CRC_OFFSET, (int) crc.getValue());
            at += (int) Bytes.align8(length);
        }
        return Arrays.copyOf(out, at);
    }

    /** Makes the event produce every text it derives lazily. */
    static void touch(LogEvent e) {
        e.message();
        e.throwableText();
        e.toString();
    }

    private static List<String> messages(List<LogEvent> events) {
        return events.stream().map(LogEvent::message).collect(Collectors.toList());
    }

    private static int crc(byte[] b, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, from, length);
        return (int) crc.getValue();
    }
}
