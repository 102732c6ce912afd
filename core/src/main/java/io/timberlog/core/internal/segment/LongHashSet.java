package io.timberlog.core.internal.segment;

import java.util.Arrays;

/** An open-addressing set of longs, for a block's distinct word hashes without boxing. Not thread-safe. */
final class LongHashSet {
    private long[] table = new long[1024];
    private boolean hasZero;
    private int size;

    void add(long v) {
        if (v == 0) {
            if (!hasZero) {
                hasZero = true;
                size++;
            }
            return;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        if (insert(table, v)) {
            size++;
        }
    }

    private static boolean insert(long[] t, long v) {
        int mask = t.length - 1;
        int i = (int) (v ^ (v >>> 32)) & mask;
        while (t[i] != 0) {
            if (t[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        t[i] = v;
        return true;
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long v : table) {
            if (v != 0) {
                insert(bigger, v);
            }
        }
        table = bigger;
    }

    int size() {
        return size;
    }

    /** The values, in no particular order. */
    long[] values() {
        long[] out = new long[size];
        int j = 0;
        if (hasZero) {
            out[j++] = 0;
        }
        for (long v : table) {
            if (v != 0) {
                out[j++] = v;
            }
        }
        return out;
    }

    void clear() {
        if (table.length > 1 << 16) {
            table = new long[1024];
        } else {
            Arrays.fill(table, 0);
        }
        hasZero = false;
        size = 0;
    }
}
