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
}
