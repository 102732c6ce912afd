package io.timberlog.core.internal.wal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The strings of one WAL file that are written once and then referenced by id: logger and thread
 * names, templates, MDC and key-value keys, markers, exception classes and stack frames. A string
 * gets its id when its dictionary record has been published in the file, before any event that
 * refers to it, so every file decodes on its own.
 *
 * <p>Thread-safe. Bounded: after {@link #MAX_ENTRIES} ids, or for strings longer than
 * {@link #MAX_CHARS}, callers write the string inline instead.
 */
final class WalDictionary {
    static final int MAX_ENTRIES = 32_768;
    static final int MAX_CHARS = 1024;

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>(256);
    private final AtomicInteger nextId = new AtomicInteger(1);

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
        if (s.length() > MAX_CHARS || nextId.get() > MAX_ENTRIES) {
            return 0;
        }
        id = ids.computeIfAbsent(s, definer);
        return id == null ? 0 : id;
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
