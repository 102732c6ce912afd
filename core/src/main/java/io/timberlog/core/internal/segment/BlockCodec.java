package io.timberlog.core.internal.segment;

import io.timberlog.core.internal.io.MalformedDataException;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The codecs a frame can name in its header. {@link #DEFLATE} is raw deflate (RFC 1951) as the JDK's
 * own zlib writes it: measured on our column layout it compresses better than both zstd (the pure-Java
 * aircompressor, which also warns on stderr on JDK 24+ for its use of sun.misc.Unsafe) and LZ4-HC,
 * and it needs no dependency, no native library and nothing shaded. BENCHMARKS.md has the figures.
 *
 * <p>Compression keeps one {@link Deflater} ({@link #close} releases its native memory): not
 * thread-safe. Decompression is static and thread-safe (a column's inflater is the thread's own).
 */
final class BlockCodec implements AutoCloseable {
    static final int NONE = 0;
    static final int DEFLATE = 1;
    private static final int LEVEL = 9;
    /** Deflate expands at most 1032 times (a 258-byte match in 2 bits), whatever the bytes. */
    private static final int MAX_DEFLATE_RATIO = 1032;

    /**
     * One inflater per thread that reads block columns, reset for each column: a new one costs a native
     * allocation and a cleaner registration, which for the ten columns of each of thousands of blocks
     * took a tenth of a scan. Its native memory goes when its thread does.
     */
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

    private final Deflater deflater = new Deflater(LEVEL, true);
    private byte[] scratch = new byte[1 << 16];

    /**
     * Appends {@code raw[offset..offset+length)} deflated to {@code out}, or as is when deflating does not
     * make it smaller; returns the bytes appended (equal to {@code length} exactly when stored as is).
     */
    int compress(byte[] raw, int offset, int length, ByteSink out) {
        if (length == 0) {
            return 0;
        }
        deflater.reset();
        deflater.setInput(raw, offset, length);
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            if (n == scratch.length) {
                if (n >= length) {
                    break; // already no smaller than the input
                }
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
            }
            n += deflater.deflate(scratch, n, scratch.length - n);
        }
        if (!deflater.finished() || n >= length) {
            out.bytes(raw, offset, length);
            return length;
        }
        out.bytes(scratch, 0, n);
        return n;
    }

    /**
     * Inflates {@code stored[offset..offset+storedLength)} into exactly {@code rawLength} bytes; a stored
     * length equal to the raw length means the bytes were kept as they are. For a frame read once (a
     * segment's dictionary or index): its inflater is ended at once.
     */
    static byte[] decompress(int codec, byte[] stored, int offset, int storedLength, int rawLength, long position)
            throws MalformedDataException {
        if (storedLength == rawLength || codec != DEFLATE) {
            return decompress(codec, stored, offset, storedLength, rawLength, position, null);
        }
        Inflater inflater = new Inflater(true);
        try {
            return decompress(codec, stored, offset, storedLength, rawLength, position, inflater);
        } finally {
            inflater.end();
        }
    }

    /** As {@link #decompress}, for the columns of the blocks a scan reads by the thousand: with the thread's inflater. */
    static byte[] decompressColumn(int codec, byte[] stored, int offset, int storedLength, int rawLength, long position)
            throws MalformedDataException {
        Inflater inflater = storedLength == rawLength || codec != DEFLATE ? null : INFLATERS.get();
        if (inflater != null) {
            inflater.reset();
        }
        return decompress(codec, stored, offset, storedLength, rawLength, position, inflater);
    }

    private static byte[] decompress(int codec, byte[] stored, int offset, int storedLength, int rawLength,
                                     long position, Inflater inflater) throws MalformedDataException {
        if (storedLength == rawLength) {
            return Arrays.copyOfRange(stored, offset, offset + rawLength);
        }
        if (codec != DEFLATE) {
            throw new MalformedDataException("unknown codec " + codec, position);
        }
        if (rawLength > (long) storedLength * MAX_DEFLATE_RATIO + 1024) {
            // Checked before the buffer is allocated: a crafted length must not make a reader allocate it.
            throw new MalformedDataException(storedLength + " deflated bytes cannot inflate to " + rawLength, position);
        }
        byte[] raw = new byte[rawLength];
        try {
            inflater.setInput(stored, offset, storedLength);
            int n = 0;
            while (n < rawLength) {
                int got = inflater.inflate(raw, n, rawLength - n);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != rawLength || !inflater.finished() && inflater.getRemaining() > 0) {
                throw new MalformedDataException("compressed data inflates to " + n + " bytes, not " + rawLength,
                        position);
            }
            return raw;
        } catch (DataFormatException e) {
            throw new MalformedDataException("compressed data is not valid deflate: " + e.getMessage(), position);
        }
    }

    @Override
    public void close() {
        deflater.end();
    }
}
