package io.timberlog.core.internal.segment;

import io.timberlog.core.internal.io.ByteCursor;
import io.timberlog.core.internal.io.MalformedDataException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strings of a segment that its blocks refer to by id: logger and thread names, templates, MDC
 * and key-value keys, markers, exception class names and stack frames. Ids start at 0, in order of
 * first use. The dictionary frame's payload is {@code varint n, n x (varint byte length, WTF-8 bytes)}.
 * A field refers to a string as {@code varint (id + 1)}, or as {@code 0} followed by the string
 * inline (long strings, and every string once the dictionary is full).
 *
 * <p>Not thread-safe while built; immutable once read.
 */
public final class SegmentDictionary {
    /** Strings longer than this are written inline: they rarely repeat and would bloat the dictionary. */
    static final int MAX_CHARS = 4096;
    static final int MAX_ENTRIES = 1 << 20;
    /**
     * What a writer defines before it writes every further string inline: the chars of its strings and
     * {@link #ENTRY_COST} for each. Every reader of the segment holds the whole dictionary in a map, and
     * so does the conversion: an application that concatenates values into its templates
     * ({@code "user " + id + " took {} ms"}) makes every event's template a string of its own, and a
     * 64 MiB WAL file of them made a dictionary of 600,000 strings, which the conversion and every
     * query of the segment ran out of a 128 MB heap on. Some 60,000 names, templates and frames of
     * real code fit; the strings past them cost a segment bytes, not its readers memory.
     */
    static final long MAX_COST = 8 << 20;
    /** What an entry costs beside its chars: its map entry, list slot and String object, in chars. */
    static final int ENTRY_COST = 64;

    private final List<String> strings;
    private final Map<String, Integer> ids;
    /** Of the strings defined, in the units of {@link #MAX_COST}. */
    private long cost;

    private SegmentDictionary(List<String> strings, Map<String, Integer> ids) {
        this.strings = strings;
        this.ids = ids;
    }

    static SegmentDictionary forWriting() {
        return new SegmentDictionary(new ArrayList<>(), new HashMap<>());
    }

    /** The id of {@code s}, adding it if there is room; -1 when it is to be written inline. */
    int idFor(String s) {
        Integer id = ids.get(s);
        if (id != null) {
            return id;
        }
        if (s.length() > MAX_CHARS || strings.size() >= MAX_ENTRIES || cost + s.length() + ENTRY_COST > MAX_COST) {
            return -1;
        }
        int next = strings.size();
        strings.add(s);
        ids.put(s, next);
        cost += s.length() + ENTRY_COST;
        return next;
    }

    /** The id of {@code s}, or -1 when the segment has no such dictionary string. */
    public int find(String s) {
        Integer id = ids.get(s);
        return id == null ? -1 : id;
    }

    /** The string with id {@code id}; the caller checked {@code 0 <= id < size()}. */
    public String string(int id) {
        return strings.get(id);
    }

    public int size() {
        return strings.size();
    }

    void writeTo(ByteSink out) {
        out.varint(strings.size());
        for (String s : strings) {
            out.string(s);
        }
    }

    static SegmentDictionary read(ByteCursor c) throws MalformedDataException {
        int n = c.count(1, "dictionary size");
        List<String> strings = new ArrayList<>(n);
        Map<String, Integer> ids = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String s = c.string();
            strings.add(s);
            ids.putIfAbsent(s, i);
        }
        if (c.remaining() != 0) {
            throw c.malformed(c.remaining() + " unexpected bytes after the dictionary");
        }
        return new SegmentDictionary(strings, ids);
    }
}
