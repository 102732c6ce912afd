package io.timberlog.cli.output;

import java.util.HashMap;
import java.util.Map;

/**
 * Shortens a logger name to about {@code target} characters as logback's {@code %logger{N}} does:
 * package segments from the left are cut to their first letter until the name fits (the last segment
 * is always whole); {@code 0} keeps only the last segment. Results are cached per name.
 * Not thread-safe.
 */
final class LoggerAbbreviator {
    private static final int CACHE_LIMIT = 10_000;

    private final int target;
    private final Map<String, String> cache = new HashMap<>();

    LoggerAbbreviator(int target) {
        this.target = target;
    }

    String abbreviate(String name) {
        String cached = cache.get(name);
        if (cached == null) {
            cached = target == 0 ? lastSegment(name) : shorten(name);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(name, cached);
        }
        return cached;
    }

    private static String lastSegment(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    private String shorten(String name) {
        int length = name.length();
        if (length < target) {
            return name;
        }
        int lastDot = name.lastIndexOf('.');
        if (lastDot < 0) {
            return name;
        }
        int lastSegmentLength = length - lastDot;
        int leftTarget = Math.max(0, target - lastSegmentLength);
        int mayTrim = (length - lastSegmentLength) - leftTarget;
        StringBuilder sb = new StringBuilder(length);
        int trimmed = 0;
        boolean afterDot = true;
        int i = 0;
        for (; i < lastDot; i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (trimmed >= mayTrim) {
                    break;
                }
                sb.append(c);
                afterDot = true;
            } else if (afterDot) {
                sb.append(c);
                afterDot = false;
            } else {
                trimmed++;
            }
        }
        return sb.append(name, i, length).toString();
    }
}
