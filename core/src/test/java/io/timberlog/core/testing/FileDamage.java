package io.timberlog.core.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

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
}
