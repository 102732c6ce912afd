package io.timberlog.core.internal.io;

import java.io.Closeable;
import java.io.IOException;

/** Closing several things at once. */
public final class Closeables {
    private Closeables() {
    }

    /** Closes each of {@code all}, also after one failed; throws the first failure, the others suppressed in it. */
    public static void closeAll(Iterable<? extends Closeable> all) throws IOException {
        IOException first = null;
        for (Closeable c : all) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
