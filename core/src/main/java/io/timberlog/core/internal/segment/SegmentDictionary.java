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

    private final List<String> strings;
    private final Map<String, Integer> ids;

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
        if (s.length() > MAX_CHARS || strings.size() >= MAX_ENTRIES) {
            return -1;
        }
        int next = strings.size();
        strings.add(s);
        ids.put(s, next);
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
