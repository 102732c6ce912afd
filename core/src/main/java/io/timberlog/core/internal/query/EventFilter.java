package io.timberlog.core.internal.query;

import io.timberlog.core.KeyValue;
import io.timberlog.core.LogEvent;
import io.timberlog.core.RunInfo;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.Value;
import io.timberlog.core.query.ArgumentPredicate;
import io.timberlog.core.query.Query;
import io.timberlog.core.internal.regex.RegexDfa;
import io.timberlog.core.internal.segment.BlockFilter;
import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.Words;
import io.timberlog.core.internal.wal.EventHead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
    private final Set<String> runIds;
    private final Set<String> loggers;
    private final String[] loggerPrefixes;
    private final Set<String> threads;
    private final Set<String> templates;
    private final List<String> exceptions;
    private final List<Map.Entry<String, String>> fields;
    private final List<ArgumentPredicate> arguments;
    private final String[] texts;
    /** For each of {@link #texts}: true when it must occur as a whole word. */
    private final boolean[] textIsWord;
    private final Pattern[] patterns;
    /** For each of {@link #patterns}: its automaton, or {@code null} where {@code java.util.regex} must search. */
    private final RegexDfa[] automata;
    /**
     * Matchers the block workers are not using: each keeps what its automata read, so a worker takes
     * one for each block and gives it back (not a thread-local, which would keep this filter alive in
     * the pool's threads after the query).
     */
    private final ConcurrentLinkedQueue<MessageMatcher> idleMatchers = new ConcurrentLinkedQueue<>();
    private final boolean formatMessages;
    private final BlockFilter blocks;
    /** The whole words, case as given, that every message the text and regex filters accept has. */
    private final List<String> textWords = new ArrayList<>();

    /**
     * @param runs the runs to read, or {@code null} for every run
     */
    public EventFilter(Query q, Set<RunInfo> runs) {
        this.since = q.sinceNanos();
        this.until = q.untilNanos();
        this.minLevel = q.minLevel() == null ? 0 : q.minLevel().code();
        this.runs = runs;
        this.runIds = runs == null ? null : runs.stream().map(RunInfo::id).collect(Collectors.toSet());
        this.loggers = Set.copyOf(q.loggers());
        this.loggerPrefixes = q.loggerPrefixes().toArray(new String[0]);
        this.threads = Set.copyOf(q.threads());
        this.templates = Set.copyOf(q.templates());
        this.exceptions = q.exceptions();
        this.fields = q.fields();
        this.arguments = q.arguments();
        this.formatMessages = q.formatMessages();
        List<String> literals = new ArrayList<>();
        List<Boolean> literalIsWord = new ArrayList<>();
        List<Pattern> all = new ArrayList<>();
        // each text, and whether as a whole word (a whole word also holds the same text as a substring)
        Map<String, Boolean> searched = new LinkedHashMap<>();
        q.texts().forEach(t -> searched.put(t, q.wholeWords()));
        q.words().forEach(w -> searched.put(w, true));
        for (Map.Entry<String, Boolean> t : searched.entrySet()) {
            if (q.ignoreCase()) {
                int ignoringCase = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                all.add(t.getValue() ? Pattern.compile(wordsOnly(Pattern.quote(t.getKey()), ignoringCase), ignoringCase)
                        : Pattern.compile(t.getKey(), Pattern.LITERAL | ignoringCase));
            } else {
                literals.add(t.getKey());
                literalIsWord.add(t.getValue());
            }
        }
        this.texts = literals.toArray(new String[0]);
        this.textIsWord = new boolean[texts.length];
        for (int i = 0; i < texts.length; i++) {
            textIsWord[i] = literalIsWord.get(i);
            textWords.addAll(Words.wordsWithin(texts[i], textIsWord[i]));
        }
        for (Pattern p : q.regexes()) {
            all.add(q.wholeWords() ? Pattern.compile(wordsOnly(p.pattern(), p.flags()), p.flags()) : p);
            if ((p.flags() & Pattern.CASE_INSENSITIVE) == 0) {
                textWords.addAll(RegexWords.required(p)); // as given: every match holds them in this case
            }
        }
        this.patterns = all.toArray(new Pattern[0]);
        this.automata = new RegexDfa[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            automata[i] = RegexDfa.compile(patterns[i]);
        }
        this.blocks = blockFilter(q);
    }

    /** The tests of this filter that a segment's block index can answer. */
    private static BlockFilter blockFilter(Query q) {
        BlockFilter b = BlockFilter.all().time(q.sinceNanos(), q.untilNanos()).words(requiredWords(q));
        if (q.minLevel() != null) {
            b = b.minLevel(q.minLevel());
        }
        if (!q.loggers().isEmpty() || !q.loggerPrefixes().isEmpty()) {
            b = b.loggers(q.loggers(), q.loggerPrefixes());
        }
        if (!q.threads().isEmpty()) {
            b = b.threads(q.threads());
        }
        if (!q.templates().isEmpty()) {
            b = b.templates(q.templates());
        }
        return b;
    }

    /**
     * The words every matching message has (Bloom filters of segment blocks hold the words of the
     * messages): the whole words inside each {@link Query#texts() text}, and those {@link RegexWords}
     * finds in each regex. Compared without regard to case, a word is required only when made of ASCII
     * letters and digits other than i and s: the Bloom
     * filter holds {@link Character#toLowerCase(char) lowercased} words, and a case-insensitive match
     * also pairs i with the dotless ı and s with the long ſ, whose lowercase forms differ.
     */
    static List<String> requiredWords(Query q) {
        List<String> words = new ArrayList<>();
        for (String text : q.texts()) {
            addRequired(words, Words.wordsWithin(text, q.wholeWords()), q.ignoreCase());
        }
        for (String word : q.words()) {
            addRequired(words, Words.wordsWithin(word, true), q.ignoreCase());
        }
        for (Pattern p : q.regexes()) {
            for (String word : RegexWords.required(p)) {
                if ((p.flags() & Pattern.CASE_INSENSITIVE) == 0 || caseFoldsLikeLowercase(word)) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    private static void addRequired(List<String> required, List<String> words, boolean ignoreCase) {
        for (String word : words) {
            if (!ignoreCase || caseFoldsLikeLowercase(word)) {
                required.add(word);
            }
        }
    }

    private static boolean caseFoldsLikeLowercase(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = Character.toLowerCase(word.charAt(i));
            if (c > 0x7f || c == 'i' || c == 's') {
                return false;
            }
        }
        return true;
    }

    /** The tests a segment's block index can answer; resolve it for each segment with {@link BlockFilter#forSegment}. */
    public BlockFilter blockFilter() {
        return blocks;
    }

    /** A filter that lets every event through. */
    public static EventFilter all() {
        return new EventFilter(Query.all(), null);
    }

    /** False when {@link #acceptsLevelAndTime} accepts every record: no minimum level, no time bounds. */
    public boolean hasLevelOrTimeChecks() {
        return minLevel > 0 || since != Long.MIN_VALUE || until != Long.MAX_VALUE;
    }

    /** The check a source makes on a record's level code and timestamp before decoding it. */
    public boolean acceptsLevelAndTime(int levelCode, long epochNanos) {
        return levelCode >= minLevel && epochNanos >= since && epochNanos <= until;
    }

    /** True when only some runs are read ({@link #acceptsRun}). */
    public boolean checksRun() {
        return runs != null;
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
        if (runIds != null && !part.runIds().isEmpty()) {
            for (String id : part.runIds()) {
                if (runIds.contains(id)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** True when some check needs the logger, thread, template, arguments or message of an event. */
    public boolean hasHeadChecks() {
        return hasNameChecks() || needsMessage();
    }

    /** True when some check needs the logger, thread or template of an event. */
    public boolean hasNameChecks() {
        return checksLogger() || checksThread() || checksTemplate();
    }

    public boolean checksLogger() {
        return !loggers.isEmpty() || loggerPrefixes.length > 0;
    }

    public boolean checksThread() {
        return !threads.isEmpty();
    }

    public boolean checksTemplate() {
        return !templates.isEmpty();
    }

    /** True when some check needs the arguments or the formatted message. */
    public boolean needsMessage() {
        return hasArgumentChecks() || hasMessageChecks();
    }

    /** True when some check compares arguments. */
    public boolean hasArgumentChecks() {
        return !arguments.isEmpty();
    }

    /** True when the events passed on are to have their messages formatted ({@link Query#formatMessages()}). */
    public boolean formatsMessages() {
        return formatMessages;
    }

    /** True when some check looks for text or a regex in the formatted message. */
    public boolean hasMessageChecks() {
        return texts.length > 0 || patterns.length > 0;
    }

    /**
     * The checks on the front of an event record, made before the rest of it is decoded; with
     * {@link #needsMessage()} the head must hold the arguments. {@code messages} is the reading
     * thread's {@link #messageMatcher()}.
     */
    public boolean acceptsHead(EventHead h, MessageMatcher messages) {
        return acceptsNames(h.logger(), h.thread(), h.template())
                && (!needsMessage() || acceptsArguments(h.arguments()) && messages.accepts(h.message()));
    }

    /** True when some check needs the whole event ({@link #acceptsDetails}) beyond its run. */
    public boolean hasDetailChecks() {
        return !exceptions.isEmpty() || !fields.isEmpty();
    }

    /** The checks that need the whole event: run, exception, fields. */
    public boolean acceptsDetails(LogEvent e) {
        if (!acceptsRun(e.run())) {
            return false;
        }
        if (!exceptions.isEmpty() && !acceptsException(e.throwable())) {
            return false;
        }
        for (Map.Entry<String, String> f : fields) {
            if (!hasField(e, f.getKey(), f.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The checks on an event's logger, thread and template; a name that no check looks at
     * ({@link #checksLogger()} and the like) may be {@code null}.
     */
    public boolean acceptsNames(String logger, String thread, String template) {
        if (checksLogger() && !acceptsLogger(logger)) {
            return false;
        }
        return (threads.isEmpty() || threads.contains(thread)) && (templates.isEmpty() || templates.contains(template));
    }

    /** The checks on an event's arguments. */
    public boolean acceptsArguments(List<Value> args) {
        for (ArgumentPredicate a : arguments) {
            if (a.index() >= args.size() || !a.test(args.get(a.index()))) {
                return false;
            }
        }
        return true;
    }

    private boolean containsAll(CharSequence message) {
        for (int i = 0; i < texts.length; i++) {
            if (!contains(message, texts[i], textIsWord[i])) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code text} occurs in {@code message}; with {@code wholeWord}, as a whole word. */
    static boolean contains(CharSequence message, String text, boolean wholeWord) {
        String s = message instanceof StringBuilder ? null : message.toString();
        StringBuilder sb = s == null ? (StringBuilder) message : null;
        // from grows past every match looked at; indexOf would find an empty text at the end forever
        for (int from = 0; from <= message.length(); ) {
            int at = s != null ? s.indexOf(text, from) : sb.indexOf(text, from);
            if (at < 0) {
                return false;
            }
            from = at + 1;
            int end = at + text.length();
            if (!wholeWord || (at == 0 || !isWordChar(message.charAt(at - 1)))
                    && (end == message.length() || !isWordChar(message.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /** The chars words are made of, as the segments' Bloom filters split words ({@link Words}). */
    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    /**
     * A regex that matches what {@code regex} (compiled with {@code flags}) matches, where no letter or
     * digit comes right before or after; in comments mode a line break ends a trailing comment first.
     */
    private static String wordsOnly(String regex, int flags) {
        String body = closeQuote(regex);
        body = (flags & Pattern.COMMENTS) != 0 ? body + "\n" : body;
        return "(?<![\\p{L}\\p{Nd}])(?:" + body + ")(?![\\p{L}\\p{Nd}])";
    }

    /**
     * {@code regex} with a quote it leaves open ({@code \Qorder 4711}, which Java allows at the end)
     * closed, so that text put after it is not quoted too.
     */
    private static String closeQuote(String regex) {
        int i = 0;
        while (i + 1 < regex.length()) {
            if (regex.charAt(i) != '\\') {
                i++;
            } else if (regex.charAt(i + 1) != 'Q') {
                i += 2; // an escape: \\, \(, \d, ...
            } else {
                int end = regex.indexOf("\\E", i + 2);
                if (end < 0) {
                    return regex + "\\E";
                }
                i = end + 2;
            }
        }
        return regex;
    }

    /** The test of {@link WordPrefilter} for the words of the text and regex filters, for one reading thread; {@code null} when they have none. */
    WordPrefilter wordPrefilter() {
        return WordPrefilter.of(textWords);
    }

    /** The checks on the formatted message, for one reading thread: it reuses a matcher per regex. */
    public MessageMatcher messageMatcher() {
        return new MessageMatcher();
    }

    /** A matcher for one block, to be given back with {@link #giveBack}; it may have read blocks before. */
    MessageMatcher takeMessageMatcher() {
        MessageMatcher m = idleMatchers.poll();
        return m != null ? m : new MessageMatcher();
    }

    void giveBack(MessageMatcher matcher) {
        idleMatchers.offer(matcher);
    }

    /** Tests messages against the text and regex filters. Not thread-safe: one thread at a time. */
    public final class MessageMatcher {
        private final Matcher[] matchers = new Matcher[patterns.length];
        private final MessageScan[] scans = new MessageScan[patterns.length];
        /** True when the automata alone decide: no text filter, and an automaton for every regex. */
        private final boolean automataDecide;

        private MessageMatcher() {
            boolean all = texts.length == 0;
            for (int i = 0; i < matchers.length; i++) {
                if (automata[i] != null) {
                    scans[i] = new MessageScan(automata[i]);
                } else {
                    matchers[i] = patterns[i].matcher("");
                    all = false;
                }
            }
            automataDecide = all;
        }

        /** True when {@code message} passes every text and regex filter. */
        public boolean accepts(CharSequence message) {
            if (!containsAll(message)) {
                return false;
            }
            for (int i = 0; i < matchers.length; i++) {
                if (automata[i] != null ? !automata[i].find(message) : !matchers[i].reset(message).find()) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Tests the message of event {@code i} of a segment block without formatting it, as far as the
         * automata can: {@code NO_MATCH} when one of them finds no match, {@code MATCH} when they decide
         * alone and all find one, else {@code UNSURE} ({@link #accepts} on the formatted message tells).
         */
        MessageScan.Verdict test(DecodedBlock block, int i) throws SegmentDamageException {
            boolean sure = automataDecide;
            for (MessageScan scan : scans) {
                if (scan != null) {
                    MessageScan.Verdict v = scan.test(block, i);
                    if (v == MessageScan.Verdict.NO_MATCH) {
                        return v;
                    }
                    sure &= v == MessageScan.Verdict.MATCH;
                }
            }
            return sure ? MessageScan.Verdict.MATCH : MessageScan.Verdict.UNSURE;
        }

        /** True when {@link #test} decides every event whose message it can read in pieces: no word prefilter is worth it then. */
        boolean automataDecide() {
            return automataDecide;
        }
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
        if (simple ? isSimpleName(t.className(), name) : t.className().equals(name)) {
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

    /**
     * True when {@code name}, which has no dot, names the class: the end of its name after a dot or a
     * {@code $} ({@code Inner}, {@code Outer$Inner}), or all of it (a class in no package).
     */
    private static boolean isSimpleName(String className, String name) {
        int before = className.length() - name.length() - 1;
        return className.endsWith(name) && (before < 0 || className.charAt(before) == '.' || className.charAt(before) == '$');
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
