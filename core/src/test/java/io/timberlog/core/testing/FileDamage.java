package io.timberlog.core.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Damages store files the way a failing disk does, for the tests of what readers make of it. */
public final class FileDamage {
    private FileDamage() {
    }

    /** Flips bits of the byte at {@code at}. */
    public static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5A);
        }
    }

    /**
     * Garbles column {@code column} of the segment block frame at {@code frameOffset} (FORMAT.md,
     * "Frames" and "Event block columns") and writes the frame's CRC32C anew: damage that the checksum
     * cannot see, found only when the column is decoded. A deflated column gets bytes that do not
     * inflate; a column stored as is gets varints that never end.
     */
    public static void garbleBlockColumnKeepingChecksum(Path file, long frameOffset, int column) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int frame = Math.toIntExact(frameOffset);
        ByteBuffer header = ByteBuffer.wrap(bytes, frame, 16).order(ByteOrder.LITTLE_ENDIAN);
        int storedLength = header.getInt(frame);
        int payload = frame + 16;
        int[] at = {payload};
        readVarint(bytes, at); // events
        int columns = readVarint(bytes, at);
        int columnStart = 0;
        int stored = 0;
        for (int c = 0; c < columns; c++) {
            readVarint(bytes, at); // raw length
            int s = readVarint(bytes, at);
            if (c < column) {
                columnStart += s;
            } else if (c == column) {
                stored = s;
            }
        }
        if (stored == 0) {
            throw new IllegalArgumentException("column " + column + " of the block at " + frameOffset + " is empty");
        }
        int from = at[0] + columnStart;
        Arrays.fill(bytes, from, from + stored, (byte) 0xFF); // a reserved deflate block type; a varint's continuation bits
        CRC32C crc = new CRC32C();
        crc.update(bytes, frame, 12);
        crc.update(bytes, payload, storedLength);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(frame + 12, (int) crc.getValue());
        Files.write(file, bytes);
    }

    private static int readVarint(byte[] bytes, int[] at) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = bytes[at[0]++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if (b < 0x80) {
                return value;
            }
        }
    }
}
