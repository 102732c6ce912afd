package io.timberlog.core.query;

import io.timberlog.core.Level;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.AbstractMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What to read from a {@link StoreSet}: filters, direction and how many. Immutable and thread-safe;
 * built with {@link #builder()}.
 *
 * <p>Filters of different kinds must all match (AND). Several values of one kind of "which one"
 * filter (loggers, threads, templates, exception classes) match when any of them does (OR); several
 * text, regex, field and argument filters must all match.
 *
 * <pre>{@code
 * Query q = Query.builder()
 *         .minLevel(Level.WARN)
 *         .loggerTree("com.acme.orders")
 *         .template("order {} for {} took {} ms")
 *         .argument(ArgumentPredicate.parse("2>500"))
 *         .last(20)
 *         .build();
 * }</pre>
 */
public final class Query {
    private final long sinceNanos;
    private final long untilNanos;
    private final Level minLevel;
    private final List<String> loggers;
    private final List<String> loggerPrefixes;
    private final List<String> threads;
    private final List<String> templates;
    private final List<String> texts;
    private final List<String> words;
    private final List<Pattern> regexes;
    private final boolean ignoreCase;
    private final boolean wholeWords;
    private final List<Map.Entry<String, String>> fields;
    private final List<String> exceptions;
    private final RunSelector run;
    private final List<ArgumentPredicate> arguments;
    private final boolean reverse;
    private final int last;
    private final boolean formatMessages;
    private final Supplier<? extends EventRenderer> renderers;

    private Query(Builder b) {
        this.sinceNanos = b.sinceNanos;
        this.untilNanos = b.untilNanos;
        this.minLevel = b.minLevel;
        this.loggers = List.copyOf(b.loggers);
        this.loggerPrefixes = List.copyOf(b.loggerPrefixes);
        this.threads = List.copyOf(b.threads);
        this.templates = List.copyOf(b.templates);
        this.texts = List.copyOf(b.texts);
        this.words = List.copyOf(b.words);
        this.regexes = List.copyOf(b.regexes);
        this.ignoreCase = b.ignoreCase;
        this.wholeWords = b.wholeWords;
        this.fields = Collections.unmodifiableList(new ArrayList<>(b.fields));
        this.exceptions = List.copyOf(b.exceptions);
        this.run = b.run;
        this.arguments = List.copyOf(b.arguments);
        this.reverse = b.reverse;
        this.last = b.last;
        this.formatMessages = b.formatMessages;
        this.renderers = b.renderers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every event, oldest first. */
    public static Query all() {
        return builder().build();
    }

    /** Earliest timestamp (epoch nanoseconds, inclusive); {@code Long.MIN_VALUE} when unbounded. */
    public long sinceNanos() {
        return sinceNanos;
    }

    /** Latest timestamp (epoch nanoseconds, inclusive); {@code Long.MAX_VALUE} when unbounded. */
    public long untilNanos() {
        return untilNanos;
    }

    /** The least severe level that matches, or {@code null} for all. */
    public Level minLevel() {
        return minLevel;
    }

    /** Logger names that match exactly. */
    public List<String> loggers() {
        return loggers;
    }

    /** Prefixes of logger names that match. */
    public List<String> loggerPrefixes() {
        return loggerPrefixes;
    }

    public List<String> threads() {
        return threads;
    }

    public List<String> templates() {
        return templates;
    }

    /** Substrings every formatted message must contain. */
    public List<String> texts() {
        return texts;
    }

    /**
     * Texts every formatted message must contain as whole words, whatever {@link #wholeWords()} says:
     * no letter or digit right before or after them.
     */
    public List<String> words() {
        return words;
    }

    /** Regular expressions every formatted message must contain a match of. */
    public List<Pattern> regexes() {
        return regexes;
    }

    /** True when {@link #texts()} compare without regard to case (regexes carry their own flags). */
    public boolean ignoreCase() {
        return ignoreCase;
    }

    /**
     * True when {@link #texts()} and {@link #regexes()} match only whole words, like {@code grep -w}: a
     * match must not have a letter or digit right before or after it.
     */
    public boolean wholeWords() {
        return wholeWords;
    }

    /** MDC or key-value entries that must be present with exactly these values (the value's text). */
    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    /** Exception class names (fully qualified, or simple when without a dot) of which one must be in the chain. */
    public List<String> exceptions() {
        return exceptions;
    }

    /** The run to read, or {@code null} for all runs. */
    public RunSelector run() {
        return run;
    }

    public List<ArgumentPredicate> arguments() {
        return arguments;
    }

    /** True for newest first. */
    public boolean reverse() {
        return reverse;
    }

    /** When positive, only the newest {@code last} matches (still in the order {@link #reverse()} asks). */
    public int last() {
        return last;
    }

    /** True when the events come with their messages formatted by the threads that read the store ({@link Builder#formatMessages}). */
    public boolean formatMessages() {
        return formatMessages;
    }

    /** The renderers of the reading threads ({@link Builder#render}), or {@code null} when the query hands out events. */
    public Supplier<? extends EventRenderer> renderers() {
        return renderers;
    }

    /** Builds a {@link Query}. Not thread-safe. */
    public static final class Builder {
        private long sinceNanos = Long.MIN_VALUE;
        private long untilNanos = Long.MAX_VALUE;
        private Level minLevel;
        private final List<String> loggers = new ArrayList<>();
        private final List<String> loggerPrefixes = new ArrayList<>();
        private final List<String> threads = new ArrayList<>();
        private final List<String> templates = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private final List<String> words = new ArrayList<>();
        private final List<Pattern> regexes = new ArrayList<>();
        private boolean ignoreCase;
        private boolean wholeWords;
        private final List<Map.Entry<String, String>> fields = new ArrayList<>();
        private final List<String> exceptions = new ArrayList<>();
        private RunSelector run;
        private final List<ArgumentPredicate> arguments = new ArrayList<>();
        private boolean reverse;
        private int last;
        private boolean formatMessages;
        private Supplier<? extends EventRenderer> renderers;

        private Builder() {
        }

        /** Events at or after {@code instant}. */
        public Builder since(Instant instant) {
            return sinceNanos(toNanos(instant));
        }

        public Builder sinceNanos(long epochNanos) {
            this.sinceNanos = epochNanos;
            return this;
        }

        /** Events at or before {@code instant}. */
        public Builder until(Instant instant) {
            return untilNanos(toNanos(instant));
        }

        public Builder untilNanos(long epochNanos) {
            this.untilNanos = epochNanos;
            return this;
        }

        /** Events of {@code level} and more severe ones. */
        public Builder minLevel(Level level) {
            this.minLevel = level;
            return this;
        }

        /** Events of exactly this logger. */
        public Builder logger(String name) {
            loggers.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** Events of loggers whose name starts with {@code prefix}. */
        public Builder loggerPrefix(String prefix) {
            loggerPrefixes.add(Objects.requireNonNull(prefix, "prefix"));
            return this;
        }

        /**
         * Events of logger {@code name} and of its descendants in the logger hierarchy ({@code name.*}),
         * as a logging configuration applies to a logger and its children.
         */
        public Builder loggerTree(String name) {
            logger(name);
            return loggerPrefix(name + ".");
        }

        public Builder thread(String name) {
            threads.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** Events logged with exactly this message template, e.g. {@code "order {} took {} ms"}. */
        public Builder template(String template) {
            templates.add(Objects.requireNonNull(template, "template"));
            return this;
        }

        /** Events whose formatted message contains {@code text}. */
        public Builder text(String text) {
            texts.add(Objects.requireNonNull(text, "text"));
            return this;
        }

        /**
         * Events whose formatted message contains {@code word} as whole words (it may hold several, and
         * other characters: {@code "req-4711"}): no letter or digit right before or after it. A
         * segment's block index knows the words its messages hold, so a rare word is found fast.
         */
        public Builder word(String word) {
            words.add(Objects.requireNonNull(word, "word"));
            return this;
        }

        /** Events whose formatted message contains a match of {@code regex}. */
        public Builder regex(Pattern regex) {
            regexes.add(Objects.requireNonNull(regex, "regex"));
            return this;
        }

        /** Compare {@link #text} filters without regard to case. */
        public Builder ignoreCase(boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
            return this;
        }

        /**
         * Match {@link #text} and {@link #regex} filters only as whole words (like {@code grep -w}): no
         * letter or digit right before or after a match. A segment's block index knows the words its
         * messages hold, so a query for a rare word reads only the blocks that may have it.
         */
        public Builder wholeWords(boolean wholeWords) {
            this.wholeWords = wholeWords;
            return this;
        }

        /** Events with an MDC entry or key-value pair {@code key} whose text is {@code value}. */
        public Builder field(String key, String value) {
            fields.add(new AbstractMap.SimpleImmutableEntry<>(Objects.requireNonNull(key, "key"),
                    Objects.requireNonNull(value, "value")));
            return this;
        }

        /**
         * Events with an exception of this class anywhere in its chain (causes and suppressed ones);
         * a name without a dot matches the simple class name.
         */
        public Builder exception(String className) {
            exceptions.add(Objects.requireNonNull(className, "className"));
            return this;
        }

        public Builder run(RunSelector run) {
            this.run = run;
            return this;
        }

        public Builder argument(ArgumentPredicate predicate) {
            arguments.add(Objects.requireNonNull(predicate, "predicate"));
            return this;
        }

        public Builder reverse(boolean reverse) {
            this.reverse = reverse;
            return this;
        }

        /** Only the newest {@code n} matches; 0 for all. */
        public Builder last(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("the number of last events must not be negative: " + n);
            }
            this.last = n;
            return this;
        }

        /**
         * For a caller that reads the message of every event it gets (one that prints them): each
         * event's message is formatted ahead, by the threads that read and filter the store, instead of
         * on the caller's thread at {@link io.timberlog.core.LogEvent#message()}. Changes no result.
         */
        public Builder formatMessages(boolean formatMessages) {
            this.formatMessages = formatMessages;
            return this;
        }

        /**
         * For a caller that prints the events: the threads that read the store render each event they
         * keep with a renderer of their own, made by {@code renderers}, into UTF-8 text, and the result
         * hands out that text ({@link QueryHit#hasText()}) instead of the event, which is never made.
         * Events read on the caller's thread (from WAL files) still come as events, for the caller to
         * render in turn. Changes which events are found, or their order, in no way.
         */
        public Builder render(Supplier<? extends EventRenderer> renderers) {
            this.renderers = renderers;
            return this;
        }

        public Query build() {
            if (sinceNanos > untilNanos) {
                throw new IllegalArgumentException("the start of the time range is after its end");
            }
            return new Query(this);
        }

        private static long toNanos(Instant instant) {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
    }
}
