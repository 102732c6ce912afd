package io.timberlog.core.internal.wal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The strings of one WAL file that are written once and then referenced by id: logger and thread
 * names, templates, MDC and key-value keys, markers, exception classes and stack frames. A string
 * gets its id when its dictionary record has been published in the file, before any event that
 * refers to it, so every file decodes on its own.
 *
 * <p>Thread-safe. Bounded: after {@link #MAX_ENTRIES} ids or {@link #MAX_COST}, or for strings longer
 * than {@link #MAX_CHARS}, callers write the string inline instead.
 */
final class WalDictionary {
    static final int MAX_ENTRIES = 32_768;
    static final int MAX_CHARS = 1024;
    /**
     * The chars of the strings defined, with {@link #ENTRY_COST} for each, past which no more are: the
     * map lives in the application's heap as long as the file is current. An application that
     * concatenates values into its templates ({@code "request " + body + " took {} ms"}) defines a
     * string with every event, and 32,768 of up to 1,024 chars held some 34 MB. Real code's names,
     * templates and frames fit (some 30,000 of 80 chars).
     */
    static final long MAX_COST = 4 << 20;
    /** What an entry costs beside its chars: its map entry, String object and id, in chars. */
    static final int ENTRY_COST = 64;

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>(256);
    private final AtomicInteger nextId = new AtomicInteger(1);
    /** Of the strings defined, in the units of {@link #MAX_COST}; threads defining at once may pass it by a few. */
    private final AtomicLong cost = new AtomicLong();

    /**
     * The id of {@code s}, defining it through {@code definer} (which writes the dictionary record and
     * returns the id, or {@code null} when it could not) the first time; 0 when the string is to be
     * written inline.
     */
    int idFor(String s, Function<String, Integer> definer) {
        Integer id = ids.get(s);
        if (id != null) {
            return id;
        }
        if (s.length() > MAX_CHARS || nextId.get() > MAX_ENTRIES || cost.get() > MAX_COST) {
            return 0;
        }
        id = ids.computeIfAbsent(s, definer);
        if (id == null) {
            return 0;
        }
        cost.addAndGet(s.length() + ENTRY_COST); // (again when another thread defined it meanwhile: a bound, not a count)
        return id;
    }

    /** Takes the next id for a definition, or -1 when the dictionary is full. */
    int allocateId() {
        int id = nextId.getAndIncrement();
        return id <= MAX_ENTRIES ? id : -1;
    }

    /** Drops the strings once the file is sealed and no thread can write to it any more. */
    void clear() {
        ids.clear();
    }
}
