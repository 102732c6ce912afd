package io.timberlog.core.internal.query;

import io.timberlog.core.KeyValue;
import io.timberlog.core.LogEvent;
import io.timberlog.core.RunInfo;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.query.ArgumentPredicate;
import io.timberlog.core.query.Query;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@link Query}'s filters, compiled for the read path and ordered by cost: what a source can check
 * on a record's fixed fields before decoding it ({@link #acceptsLevelAndTime}), what it can check on a
 * file as a whole ({@link #mayMatchPart}), and the rest on the decoded event, with the formatted
 * message last because building it costs most. Immutable and thread-safe.
 */
public final class EventFilter {
    private final long since;
    private final long until;
    private final int minLevel;
    private final Set<RunInfo> runs;
    private final Set<String> loggers;
    private final String[] loggerPrefixes;
    private final Set<String> threads;
    private final Set<String> templates;
    private final List<String> exceptions;
    private final List<Map.Entry<String, String>> fields;
    private final List<ArgumentPredicate> arguments;
    private final String[] texts;
    private final Pattern[] patterns;

    /**
     * @param runs the runs to read, or {@code null} for every run
     */
    public EventFilter(Query q, Set<RunInfo> runs) {
        this.since = q.sinceNanos();
        this.until = q.untilNanos();
        this.minLevel = q.minLevel() == null ? 0 : q.minLevel().code();
        this.runs = runs;
        this.loggers = Set.copyOf(q.loggers());
        this.loggerPrefixes = q.loggerPrefixes().toArray(new String[0]);
        this.threads = Set.copyOf(q.threads());
        this.templates = Set.copyOf(q.templates());
        this.exceptions = q.exceptions();
        this.fields = q.fields();
        this.arguments = q.arguments();
        if (q.ignoreCase()) {
            this.texts = new String[0];
            Pattern[] all = new Pattern[q.texts().size() + q.regexes().size()];
            int i = 0;
            for (String t : q.texts()) {
                all[i++] = Pattern.compile(t, Pattern.LITERAL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            }
            for (Pattern p : q.regexes()) {
                all[i++] = p;
            }
            this.patterns = all;
        } else {
            this.texts = q.texts().toArray(new String[0]);
            this.patterns = q.regexes().toArray(new Pattern[0]);
        }
    }

    /** A filter that lets every event through. */
    public static EventFilter all() {
        return new EventFilter(Query.all(), null);
    }

    /** The check a source makes on a record's level code and timestamp before decoding it. */
    public boolean acceptsLevelAndTime(int levelCode, long epochNanos) {
        return levelCode >= minLevel && epochNanos >= since && epochNanos <= until;
    }

    public boolean acceptsRun(RunInfo run) {
        return runs == null || (run != null && runs.contains(run));
    }

    /** False when nothing in a part with this summary can match, so the part need not be read. */
    public boolean mayMatchPart(PartSummary part) {
        if (part.maxEpochNanos() < since || part.minEpochNanos() > until) {
            return false;
        }
        if (part.maxLevelCode() < minLevel) {
            return false;
        }
        if (runs != null && !part.runs().isEmpty()) {
            for (RunInfo r : part.runs()) {
                if (runs.contains(r)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** The whole filter, cheap fields first. */
    public boolean accepts(LogEvent e) {
        if (!acceptsLevelAndTime(e.level().code(), e.epochNanos()) || !acceptsRun(e.run())) {
            return false;
        }
        if (!loggers.isEmpty() || loggerPrefixes.length > 0) {
            if (!acceptsLogger(e.logger())) {
                return false;
            }
        }
        if (!threads.isEmpty() && !threads.contains(e.thread())) {
            return false;
        }
        if (!templates.isEmpty() && !templates.contains(e.template())) {
            return false;
        }
        for (ArgumentPredicate a : arguments) {
            if (!a.test(e)) {
                return false;
            }
        }
        if (!exceptions.isEmpty() && !acceptsException(e.throwable())) {
            return false;
        }
        for (Map.Entry<String, String> f : fields) {
            if (!hasField(e, f.getKey(), f.getValue())) {
                return false;
            }
        }
        if (texts.length > 0 || patterns.length > 0) {
            String message = e.message();
            for (String t : texts) {
                if (!message.contains(t)) {
                    return false;
                }
            }
            for (Pattern p : patterns) {
                if (!p.matcher(message).find()) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean acceptsLogger(String logger) {
        if (loggers.contains(logger)) {
            return true;
        }
        for (String prefix : loggerPrefixes) {
            if (logger.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private boolean acceptsException(ThrowableInfo t) {
        if (t == null) {
            return false;
        }
        for (String name : exceptions) {
            if (inChain(t, name, name.indexOf('.') < 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inChain(ThrowableInfo t, String name, boolean simple) {
        if (simple ? simpleName(t.className()).equals(name) : t.className().equals(name)) {
            return true;
        }
        if (t.cause() != null && inChain(t.cause(), name, simple)) {
            return true;
        }
        for (ThrowableInfo s : t.suppressed()) {
            if (inChain(s, name, simple)) {
                return true;
            }
        }
        return false;
    }

    private static String simpleName(String className) {
        int cut = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
        return className.substring(cut + 1);
    }

    private static boolean hasField(LogEvent e, String key, String value) {
        Map<String, String> mdc = e.mdc();
        if (!mdc.isEmpty() && value.equals(mdc.get(key))) {
            return true;
        }
        for (KeyValue kv : e.keyValues()) {
            if (kv.key().equals(key) && value.equals(kv.value().text())) {
                return true;
            }
        }
        return false;
    }
}
