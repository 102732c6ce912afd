package io.timberlog.core.internal.segment;

/**
 * Layout of a segment file, {@code segments/segment_NNNNNN.log}: the immutable, compressed and
 * indexed form of one or more WAL files. FORMAT.md ("Segment files") documents the same bytes;
 * change both together. All integers are little-endian; varints are as in the WAL.
 *
 * <pre>
 * File header, 32 bytes at offset 0:
 *   0   8  magic          "TLSEG\r\n\032"
 *   8   2  version        4 (3: unseeded Bloom filters, no integer ranges; 2: Bloom filters in the
 *                         index; 1: no WAL seals either; all still read)
 *  10   2  header size    32
 *  12   4  flags          0
 *  16   8  segment id     the NNNNNN of the file name
 *  24   4  reserved       0
 *  28   4  CRC32C of bytes 0..28
 *
 * Frames, from offset 32, back to back: first the event blocks, then the dictionary, then (version 3 on)
 * the Bloom filters, then the index.
 *   0   4  stored length  bytes of payload on disk
 *   4   4  raw length     bytes of payload once decompressed
 *   8   1  kind           FRAME_BLOCK | FRAME_DICTIONARY | FRAME_INDEX | FRAME_BLOOM
 *   9   1  codec          BlockCodec id: 0 = stored as is, 1 = deflate (RFC 1951, no zlib wrapper)
 *  10   2  reserved       0
 *  12   4  CRC32C of frame bytes 0..12 followed by the stored payload
 *  16   .. payload        (layouts: BlockLayout, SegmentDictionary, SegmentIndex)
 *
 * Footer, the last 40 bytes of the file:
 *   0   8  dictionary offset   file offset of the dictionary frame
 *   8   8  index offset        file offset of the index frame
 *  16   8  index end           offset just past the index frame = offset of this footer
 *  24   2  version             the header's
 *  26   2  reserved            0
 *  28   8  magic               "TLSEGEND"
 *  36   4  CRC32C of footer bytes 0..36
 * </pre>
 *
 * A segment is written to a temporary name, forced, and renamed into place, so a file with a
 * segment name is complete unless the disk damaged it afterwards. Each frame has its own checksum:
 * a damaged block costs that block's events only.
 */
public final class SegmentFormat {
    private SegmentFormat() {
    }

    /** "TLSEG" then CR LF SUB, like the WAL magic: a text-mode transfer breaks it. */
    public static final long MAGIC = 0x1A0A0D4745534C54L;
    /** "TLSEGEND". */
    public static final long FOOTER_MAGIC = 0x444E454745534C54L;
    /** The version this code writes; it reads every version from 1 up to it. */
    public static final int VERSION = 4;

    public static final int HEADER_SIZE = 32;
    public static final int HEADER_MAGIC_OFFSET = 0;
    public static final int HEADER_VERSION_OFFSET = HEADER_MAGIC_OFFSET + 8;
    public static final int HEADER_SIZE_OFFSET = HEADER_VERSION_OFFSET + 2;
    public static final int HEADER_FLAGS_OFFSET = HEADER_SIZE_OFFSET + 2;
    public static final int HEADER_SEGMENT_ID_OFFSET = HEADER_FLAGS_OFFSET + 4;
    public static final int HEADER_RESERVED_OFFSET = HEADER_SEGMENT_ID_OFFSET + 8;
    public static final int HEADER_CRC_OFFSET = HEADER_RESERVED_OFFSET + 4;

    public static final int FRAME_HEADER_SIZE = 16;
    public static final int FRAME_STORED_LENGTH_OFFSET = 0;
    public static final int FRAME_RAW_LENGTH_OFFSET = FRAME_STORED_LENGTH_OFFSET + 4;
    public static final int FRAME_KIND_OFFSET = FRAME_RAW_LENGTH_OFFSET + 4;
    public static final int FRAME_CODEC_OFFSET = FRAME_KIND_OFFSET + 1;
    public static final int FRAME_RESERVED_OFFSET = FRAME_CODEC_OFFSET + 1;
    public static final int FRAME_CRC_OFFSET = FRAME_RESERVED_OFFSET + 2;

    public static final int FRAME_BLOCK = 1;
    public static final int FRAME_DICTIONARY = 2;
    public static final int FRAME_INDEX = 3;
    /** Version 3 and later: every block's Bloom filter bits, stored as is, between the dictionary and the index. */
    public static final int FRAME_BLOOM = 4;

    public static final int FOOTER_SIZE = 40;
    public static final int FOOTER_DICTIONARY_OFFSET = 0;
    public static final int FOOTER_INDEX_OFFSET = FOOTER_DICTIONARY_OFFSET + 8;
    public static final int FOOTER_INDEX_END_OFFSET = FOOTER_INDEX_OFFSET + 8;
    public static final int FOOTER_VERSION_OFFSET = FOOTER_INDEX_END_OFFSET + 8;
    public static final int FOOTER_RESERVED_OFFSET = FOOTER_VERSION_OFFSET + 2;
    public static final int FOOTER_MAGIC_OFFSET = FOOTER_RESERVED_OFFSET + 2;
    public static final int FOOTER_CRC_OFFSET = FOOTER_MAGIC_OFFSET + 8;

    /** No frame payload is larger than this, raw or stored; readers reject larger lengths before allocating. */
    public static final int MAX_FRAME_LENGTH = 256 << 20;
    /** A block is cut at this many events ... */
    public static final int BLOCK_EVENTS = 4096;
    /** ... or once its raw columns reach this many bytes, whichever comes first. */
    public static final int BLOCK_RAW_BYTES = 4 << 20;
    /** Readers reject blocks claiming more events than this. */
    public static final int MAX_BLOCK_EVENTS = 1 << 16;
}
