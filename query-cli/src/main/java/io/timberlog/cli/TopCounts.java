package io.timberlog.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts how often each name occurs, to list the most frequent ones, in bounded memory. An
 * application that builds every message by concatenation ({@code "user " + id + " logged in"}) makes
 * every event a template of its own: counting each would hold every message of the store in memory.
 *
 * <p>Exact while the names fit the budget (a number of names and of their chars). Past it, it
 * becomes a Misra-Gries summary: it subtracts the median count from every name and forgets the names
 * left at zero or below, so that at most half of them stay. A count is then at most
 * {@link #undercount()} below the true one, and a name that occurred more often than that is never
 * forgotten. Not thread-safe.
 */
final class TopCounts {
    /** Bytes a name costs beside its chars: the map entry, the String and its array, the counter. */
    private static final int OVERHEAD_CHARS = 64;

    private final int maxNames;
    private final long maxChars;
    private final Map<String, long[]> counts = new HashMap<>();
    private long chars;
    private long undercount;

    TopCounts(int maxNames, long maxChars) {
        this.maxNames = maxNames;
        this.maxChars = maxChars;
    }

    void add(String name) {
        long[] count = counts.get(name);
        if (count != null) {
            count[0]++;
            return;
        }
        counts.put(name, new long[] {1});
        chars += name.length() + OVERHEAD_CHARS;
        while (counts.size() > maxNames || chars > maxChars) {
            forgetTheLessFrequentHalf();
        }
    }

    private void forgetTheLessFrequentHalf() {
        long[] all = new long[counts.size()];
        int i = 0;
        for (long[] count : counts.values()) {
            all[i++] = count[0];
        }
        Arrays.sort(all);
        long median = all[(all.length - 1) / 2];
        for (Iterator<Map.Entry<String, long[]>> it = counts.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, long[]> e = it.next();
            e.getValue()[0] -= median;
            if (e.getValue()[0] <= 0) {
                chars -= e.getKey().length() + OVERHEAD_CHARS;
                it.remove();
            }
        }
        undercount += median;
    }

    /** How much lower than the true one a count may be: 0 while every name was counted exactly. */
    long undercount() {
        return undercount;
    }

    /** Names held; at most the budget's. */
    int size() {
        return counts.size();
    }

    /** The {@code n} most frequent names, most frequent first (ties by name), with their counts. */
    Map<String, Long> top(int n) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                .thenComparing(Map.Entry::getKey));
        Map<String, Long> top = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : entries.subList(0, Math.min(n, entries.size()))) {
            top.put(e.getKey(), e.getValue()[0]);
        }
        return top;
    }
}
