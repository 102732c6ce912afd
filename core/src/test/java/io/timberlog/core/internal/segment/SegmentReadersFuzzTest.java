package io.timberlog.core.internal.segment;

import io.timberlog.core.LogEvent;
import io.timberlog.core.Value;
import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.ByteCursor;
import io.timberlog.core.internal.io.Varint;
import io.timberlog.core.testing.Events;
import io.timberlog.core.testing.Fuzz;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import static io.timberlog.core.internal.segment.SegmentFormat.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fuzzes the segment readers behind their checksums: SegmentDamageTest flips bytes of whole files, which
 * the frame CRCs catch; here the dictionary, the index and each column of a block are damaged after
 * inflating and stored again (as is, with matching lengths and checksums), so the bytes reach the
 * parsers. Readers must answer with events or {@link SegmentDamageException}, nothing else.
 */
@Timeout(120)
class SegmentReadersFuzzTest {
    @TempDir
    Path dir;
    private byte[] original;
    private long dictionaryAt;
    private long indexAt;
    private long footerAt;
    private Path fuzzed;

    @BeforeEach
    void writeSegment() throws Exception {
        Path good = dir.resolve("good.log");
        List<LogEvent> events = new java.util.ArrayList<>(Events.mixed(1_200, 9));
        for (int i = 0; i < 50; i++) {
            events.add(Events.everyField(1_200 + i));
        }
        SegmentRoundTripTest.write(good, 1, events, 3, 4);
        original = Files.readAllBytes(good);
        footerAt = original.length - FOOTER_SIZE;
        dictionaryAt = Bytes.getLong(original, (int) footerAt + FOOTER_DICTIONARY_OFFSET);
        indexAt = Bytes.getLong(original, (int) footerAt + FOOTER_INDEX_OFFSET);
        fuzzed = dir.resolve("fuzzed.log");
    }

    /** The fuzz tests below build their segments so: unmutated, one must read as the original. */
    @Test
    void rebuild_unmutatedFrames_readsLikeTheOriginal() throws Exception {
        Files.write(fuzzed, rebuild(payload(dictionaryAt), payload(indexAt)));
        try (SegmentReader rebuilt = SegmentReader.open(fuzzed);
             SegmentReader good = SegmentReader.open(dir.resolve("good.log"))) {
            rebuilt.checkBloomFilters();
            assertEquals(good.blocks().size(), rebuilt.blocks().size());
            Events.assertSameEvents(SegmentRoundTripTest.readAll(good), SegmentRoundTripTest.readAll(rebuilt));
        }
    }

    @Test
    void open_dictionaryDamagedBehindItsChecksum_onlyTypedDamage() throws Exception {
        byte[] index = payload(indexAt);
        Fuzz.run("segment-dictionary", 4_000, 100, random -> {
            Files.write(fuzzed, rebuild(Fuzz.mutate(payload(dictionaryAt), random), index));
            openAndDecode(fuzzed);
        });
    }

    @Test
    void open_indexDamagedBehindItsChecksum_onlyTypedDamage() throws Exception {
        byte[] dictionary = payload(dictionaryAt);
        Fuzz.run("segment-index", 5_000, 100, random -> {
            Files.write(fuzzed, rebuild(dictionary, Fuzz.mutate(payload(indexAt), random)));
            openAndDecode(fuzzed);
        });
    }

    /** One or two columns of a block damaged, the others intact: every column decoder and the skipping of events. */
    @Test
    void readBlock_columnsDamagedBehindTheChecksum_onlyTypedDamage() throws Exception {
        Path good = dir.resolve("good.log");
        try (SegmentReader reader = SegmentReader.open(good)) {
            Fuzz.run("segment-block", 6_000, 100, random -> {
                BlockInfo info = reader.blocks().get(random.nextInt(reader.blocks().size()));
                byte[] frame = Arrays.copyOfRange(original, (int) info.frameOffset(),
                        (int) info.frameOffset() + info.frameLength());
                byte[] damaged = damageColumns(frame, info.frameOffset(), random);
                try {
                    DecodedBlock block = DecodedBlock.of(good, damaged, FRAME_HEADER_SIZE, info.frameOffset(),
                            frame[FRAME_CODEC_OFFSET], info, reader.dictionary(), reader.info().runs());
                    decodeEverything(block, random);
                } catch (SegmentDamageException expected) {
                    // A typed answer.
                }
            });
        }
    }

    /** Opens a segment, tests its Bloom filters, and decodes all of every block it can find. */
    private static void openAndDecode(Path file) throws Exception {
        try (SegmentReader reader = SegmentReader.open(file)) {
            try {
                reader.checkBloomFilters();
            } catch (SegmentDamageException expected) {
                // A typed answer.
            }
            for (BlockInfo b : reader.blocks()) {
                b.mayContainWord("order");
                try {
                    decodeEverything(reader.readBlock(b), new Random(b.index()));
                } catch (SegmentDamageException expected) {
                    // A typed answer.
                }
            }
        } catch (SegmentDamageException expected) {
            // A typed answer: the dictionary or index is damaged.
        }
    }

    /**
     * Asks a block for everything, each kind of field on its own, so that damage in one column does not
     * hide the others; a kind stops at its first damage, as a query does.
     */
    private static void decodeEverything(DecodedBlock block, Random random) {
        int n = block.eventCount();
        StringBuilder sb = new StringBuilder();
        typed(() -> {
            for (int i = 0; i < n; i++) {
                block.sequence(i);
                block.epochNanos(i);
                block.level(i);
            }
        });
        typed(() -> {
            for (int i = 0; i < n; i++) {
                block.logger(i);
                block.thread(i);
                block.template(i);
            }
        });
        typed(() -> {
            for (int i = 0; i < n; i++) {
                for (Value v : block.arguments(i)) {
                    v.toString();
                }
            }
        });
        typed(() -> {
            for (int i = 0; i < n; i++) {
                block.appendMessage(i, sb);
                sb.setLength(0);
            }
        });
        boolean[] selected = new boolean[n];
        for (int i = 0; i < n; i++) {
            selected[i] = random.nextInt(8) == 0;
        }
        typed(() -> touch(block.events(selected)));
        typed(() -> touch(block.events()));
    }

    private static void touch(List<LogEvent> events) {
        for (LogEvent e : events) {
            e.message();
            e.throwableText();
            e.toString();
        }
    }

    private interface Decoding {
        void run() throws SegmentDamageException;
    }

    private static void typed(Decoding decoding) {
        try {
            decoding.run();
        } catch (SegmentDamageException expected) {
            // A typed answer.
        }
    }

    /** The frame's payload at {@code offset}, inflated. */
    private byte[] payload(long offset) throws Exception {
        int at = (int) offset;
        int stored = Bytes.getInt(original, at + FRAME_STORED_LENGTH_OFFSET);
        int raw = Bytes.getInt(original, at + FRAME_RAW_LENGTH_OFFSET);
        return BlockCodec.decompress(original[at + FRAME_CODEC_OFFSET], original, at + FRAME_HEADER_SIZE, stored, raw, at);
    }

    /**
     * The original blocks, then the dictionary stored as is, the original Bloom frame, the index stored
     * as is, then a footer pointing at them.
     */
    private byte[] rebuild(byte[] dictionary, byte[] index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(original, 0, (int) dictionaryAt);
        out.writeBytes(frame(FRAME_DICTIONARY, 0, dictionary));
        int bloomAt = (int) dictionaryAt + FRAME_HEADER_SIZE
                + Bytes.getInt(original, (int) dictionaryAt + FRAME_STORED_LENGTH_OFFSET);
        out.write(original, bloomAt, (int) indexAt - bloomAt);
        long newIndexAt = out.size();
        out.writeBytes(frame(FRAME_INDEX, 0, index));
        byte[] footer = Arrays.copyOfRange(original, (int) footerAt, original.length);
        Bytes.putLong(footer, FOOTER_INDEX_OFFSET, newIndexAt);
        Bytes.putLong(footer, FOOTER_INDEX_END_OFFSET, out.size());
        Bytes.putInt(footer, FOOTER_CRC_OFFSET, crc(footer, 0, FOOTER_CRC_OFFSET));
        out.writeBytes(footer);
        return out.toByteArray();
    }

    private static byte[] frame(int kind, int codec, byte[] payload) {
        byte[] f = new byte[FRAME_HEADER_SIZE + payload.length];
        Bytes.putInt(f, FRAME_STORED_LENGTH_OFFSET, payload.length);
        Bytes.putInt(f, FRAME_RAW_LENGTH_OFFSET, payload.length);
        f[FRAME_KIND_OFFSET] = (byte) kind;
        f[FRAME_CODEC_OFFSET] = (byte) codec;
        System.arraycopy(payload, 0, f, FRAME_HEADER_SIZE, payload.length);
        CRC32C crc = new CRC32C();
        crc.update(f, 0, FRAME_CRC_OFFSET);
        crc.update(payload, 0, payload.length);
        Bytes.putInt(f, FRAME_CRC_OFFSET, (int) crc.getValue());
        return f;
    }

    /** A block frame with its columns inflated, one or two of them mutated, all stored as is. */
    private static byte[] damageColumns(byte[] frame, long frameOffset, Random random) throws Exception {
        ByteCursor c = new ByteCursor().reset(frame, FRAME_HEADER_SIZE, frame.length, frameOffset);
        long events = c.varint(MAX_BLOCK_EVENTS, "events");
        int columnCount = c.varint(64, "columns");
        int[] raw = new int[columnCount];
        int[] stored = new int[columnCount];
        for (int i = 0; i < columnCount; i++) {
            raw[i] = c.varint(MAX_FRAME_LENGTH, "raw");
            stored[i] = c.varint(MAX_FRAME_LENGTH, "stored");
        }
        byte[][] columns = new byte[columnCount][];
        int at = c.position();
        for (int i = 0; i < columnCount; i++) {
            columns[i] = BlockCodec.decompress(frame[FRAME_CODEC_OFFSET], frame, at, stored[i], raw[i], at);
            at += stored[i];
        }
        for (int n = 1 + random.nextInt(2); n > 0; n--) {
            int k = random.nextInt(columnCount);
            columns[k] = Fuzz.mutate(columns[k], random);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(frame, 0, FRAME_HEADER_SIZE);
        varint(out, events);
        varint(out, columnCount);
        for (byte[] column : columns) {
            varint(out, column.length);
            varint(out, column.length);
        }
        for (byte[] column : columns) {
            out.writeBytes(column);
        }
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        byte[] b = new byte[Varint.MAX_LENGTH];
        out.write(b, 0, Varint.write(b, 0, value));
    }

    private static int crc(byte[] b, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, from, length);
        return (int) crc.getValue();
    }
}
