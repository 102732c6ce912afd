package io.timberlog.cli.output;

import io.timberlog.core.KeyValue;
import io.timberlog.core.LogEvent;
import io.timberlog.core.query.EventView;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One logfmt line per event: {@code time=... level=INFO store=. logger=... thread=... msg="..."}, then
 * the MDC entries and key-value pairs as {@code key=value}, then {@code markers=} (comma-separated),
 * {@code exception=} (the class) and {@code error=} (the exception's first line). A value is quoted
 * when it is empty or holds a space, {@code =} or {@code "}; inside quotes {@code "} and {@code \} are
 * escaped, and so is every control character, newlines included, so that one event stays one line.
 * Every key appears once on a line: most logfmt readers keep the last value of a key, and an MDC entry
 * {@code level=FATAL} must not make an INFO event read as FATAL. An MDC or key-value key that is
 * already on the line (one of the line's own, an MDC key that a key-value pair repeats, two keys that
 * become the same once their spaces are {@code _}) is written {@code mdc.KEY} or {@code kv.KEY}, then
 * with {@code _2}, {@code _3}... added.
 */
public final class LogfmtFormat implements EventFormat {
    private static final Set<String> OWN_KEYS = Set.of("time", "level", "store", "logger", "thread", "msg",
            "markers", "exception", "error");
    private final Timestamps time = new Timestamps();

    @Override
    public void format(EventView hit, StringBuilder sb) {
        LogEvent e = hit.event();
        sb.append("time=");
        time.append(sb, e.epochNanos());
        sb.append(" level=").append(e.level().name());
        pair(sb, "store", hit.store().label());
        pair(sb, "logger", e.logger());
        pair(sb, "thread", e.thread());
        pair(sb, "msg", e.message());
        Set<String> used = e.mdc().isEmpty() && e.keyValues().isEmpty() ? OWN_KEYS : new HashSet<>(OWN_KEYS);
        for (Map.Entry<String, String> m : e.mdc().entrySet()) {
            pair(sb, unique(used, "mdc.", key(m.getKey())), m.getValue() == null ? "" : m.getValue());
        }
        for (KeyValue kv : e.keyValues()) {
            pair(sb, unique(used, "kv.", key(kv.key())), kv.value().text());
        }
        if (!e.markers().isEmpty()) {
            pair(sb, "markers", String.join(",", e.markers()));
        }
        if (e.throwable() != null) {
            pair(sb, "exception", e.throwable().className());
            pair(sb, "error", e.throwable().toStringText());
        }
        sb.append('\n');
    }

    /** {@code key}, else {@code prefix + key}, else that with {@code _2}, {@code _3}...: one not in {@code used}, added to it. */
    private static String unique(Set<String> used, String prefix, String key) {
        String k = used.contains(key) ? prefix + key : key;
        for (int n = 2; used.contains(k); n++) {
            k = prefix + key + "_" + n;
        }
        used.add(k);
        return k;
    }

    private static void pair(StringBuilder sb, String key, String value) {
        sb.append(' ').append(key).append('=');
        value(sb, value);
    }

    /** Keys cannot be quoted in logfmt: anything but a plain character becomes {@code _}. */
    private static String key(String key) {
        if (key.isEmpty()) {
            return "_";
        }
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            sb.append(c <= ' ' || c == '=' || c == '"' || SafeText.isUnsafe(c) ? '_' : c);
        }
        return sb.toString();
    }

    private static void value(StringBuilder sb, String v) {
        boolean quote = v.isEmpty();
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c <= ' ' || c == '=' || c == '"' || c == '\\' || SafeText.isUnsafe(c);
        }
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"');
        StringBuilder escaped = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else {
                escaped.append(c);
            }
        }
        SafeText.appendVisible(sb, escaped, false);
        sb.append('"');
    }
}
