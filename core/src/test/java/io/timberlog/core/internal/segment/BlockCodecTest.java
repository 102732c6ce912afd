package io.timberlog.core.internal.segment;

import io.timberlog.core.internal.io.MalformedDataException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BlockCodecTest {
    /** 20 bytes that claim 256 MiB: refused by the ratio deflate cannot exceed, not by running out of memory. */
    @Test
    void decompress_rawLengthBeyondWhatDeflateReaches_isMalformed() {
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> BlockCodec.decompress(
                BlockCodec.DEFLATE, new byte[20], 0, 20, SegmentFormat.MAX_FRAME_LENGTH, 4711));
        assertTrue(e.getMessage().contains("cannot inflate to"), e.getMessage());
    }

    @Test
    void decompress_highlyCompressibleColumn_stillInflates() throws Exception {
        byte[] zeros = new byte[4 << 20];
        ByteSink out = new ByteSink(1 << 16);
        int stored;
        try (BlockCodec codec = new BlockCodec()) {
            stored = codec.compress(zeros, 0, zeros.length, out);
        }
        assertArrayEquals(zeros, BlockCodec.decompress(BlockCodec.DEFLATE, out.toByteArray(), 0, stored, zeros.length, 0));
    }

    /** The thread's inflater is reused column after column: a column that is not deflate must not spoil the next. */
    @Test
    void decompressColumn_afterADamagedColumn_inflatesTheNextOne() throws Exception {
        byte[] text = "column of a block, column of a block, column of a block".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteSink out = new ByteSink(256);
        int stored;
        try (BlockCodec codec = new BlockCodec()) {
            stored = codec.compress(text, 0, text.length, out);
        }
        byte[] deflated = out.toByteArray();
        assertTrue(stored < text.length);
        byte[] damaged = deflated.clone();
        damaged[0] = (byte) 0xFF; // a reserved block type
        for (int round = 0; round < 3; round++) {
            assertArrayEquals(text, BlockCodec.decompressColumn(BlockCodec.DEFLATE, deflated, 0, stored, text.length, 0));
            assertThrows(MalformedDataException.class,
                    () -> BlockCodec.decompressColumn(BlockCodec.DEFLATE, damaged, 0, stored, text.length, 0));
            byte[] cut = java.util.Arrays.copyOf(deflated, stored / 2);
            assertThrows(MalformedDataException.class,
                    () -> BlockCodec.decompressColumn(BlockCodec.DEFLATE, cut, 0, cut.length, text.length, 0));
        }
    }
}
