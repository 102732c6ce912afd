package io.timberlog.cli;

import io.timberlog.core.Level;
import io.timberlog.core.query.ArgumentPredicate;
import io.timberlog.core.query.Query;
import io.timberlog.core.query.RunSelector;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The options that choose events, shared by {@code query} and {@code stats}. */
final class FilterOptions {
    @Option(names = "--since", paramLabel = "TIME",
            description = "Events at or after TIME: ISO-8601 (2024-05-01T10:00:00Z, 2024-05-01 10:00, 10:00), "
                    + "a time ago (30s, 10m, 2h, 1h30m, 3d, 1w), now, today, yesterday.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Events at or before TIME (same forms as --since).")
    String until;

    @Option(names = {"-l", "--level"}, paramLabel = "LEVEL",
            description = "Events of LEVEL and more severe: TRACE, DEBUG, INFO, WARN, ERROR, FATAL.")
    String level;

    @Option(names = "--logger", paramLabel = "NAME",
            description = "Events of logger NAME and its descendants (NAME.*); NAME* for any name starting "
                    + "with NAME. Repeat for any of several.")
    List<String> loggers = new ArrayList<>();

    @Option(names = "--thread", paramLabel = "NAME", description = "Events of thread NAME. Repeat for any of several.")
    List<String> threads = new ArrayList<>();

    @Option(names = "--template", paramLabel = "TEMPLATE",
            description = "Events logged with this message template, e.g. 'order {} took {} ms'. Repeatable.")
    List<String> templates = new ArrayList<>();

    @Option(names = "--arg", paramLabel = "CONDITION",
            description = "INDEX OP VALUE on an argument (INDEX from 0), compared by its stored type: 2>500, 0=alice, 1!=ok; "
                    + "= != < <= > >=. Repeat for all of several.")
    List<String> arguments = new ArrayList<>();

    @Option(names = {"-g", "--grep"}, paramLabel = "REGEX",
            description = "Events whose message contains a match of REGEX (Java syntax). Repeat for all of several.")
    List<String> regexes = new ArrayList<>();

    @Option(names = {"-t", "--text"}, paramLabel = "WORD",
            description = "Events whose message holds WORD as whole words: no letter or digit right before or after "
                    + "it (--text 4711 finds 'order 4711 failed', not 'order 47110'; WORD may hold several words "
                    + "and other characters: --text req-8f3a). The store's index knows which words each block of "
                    + "events holds, so a rare value is found without reading the rest. Repeat for all of several.")
    List<String> words = new ArrayList<>();

    @Option(names = {"-s", "--contains"}, paramLabel = "TEXT",
            description = "Events whose message contains TEXT anywhere, also inside words (like grep -F; slower "
                    + "than --text: only the words TEXT holds whole can be looked up in the index). Repeat for all "
                    + "of several.")
    List<String> texts = new ArrayList<>();

    @Option(names = {"-i", "--ignore-case"}, description = "--text, --contains and --grep ignore case.")
    boolean ignoreCase;

    @Option(names = {"-w", "--whole-words"},
            description = "--grep and --contains match whole words only, like grep -w: no letter or digit right "
                    + "before or after a match.")
    boolean wholeWords;

    @Option(names = "--field", paramLabel = "KEY=VALUE",
            description = "Events with an MDC entry or key-value pair KEY whose value is VALUE. Repeat for all.")
    List<String> fields = new ArrayList<>();

    @Option(names = {"-e", "--exception"}, paramLabel = "CLASS",
            description = "Events with exception CLASS anywhere in the chain (causes included); a name "
                    + "without a dot matches the simple name. Repeat for any of several.")
    List<String> exceptions = new ArrayList<>();

    @Option(names = "--run", paramLabel = "RUN",
            description = "Events of one run: 0 the latest, -1 the one before (the one that crashed, after a "
                    + "restart), 1 the first; or a run id from 'timberlog runs'.")
    String run;

    @Option(names = "--utc", description = "Read and show times in UTC instead of the local time zone.")
    boolean utc;

    ZoneId zone(Console console) {
        return utc ? ZoneOffset.UTC : console.zone();
    }

    /** The filters as a query builder; {@link UserError} for a value that does not parse. */
    Query.Builder toQuery(Console console) {
        Query.Builder q = Query.builder();
        ZoneId zone = zone(console);
        java.time.Instant now = console.clock().instant();
        long sinceNanos = since == null ? Long.MIN_VALUE : TimeSpec.parse("--since", since, now, zone);
        long untilNanos = until == null ? Long.MAX_VALUE : TimeSpec.parse("--until", until, now, zone);
        if (sinceNanos > untilNanos) {
            throw new UserError("--since '" + since + "' is after --until '" + until + "'");
        }
        q.sinceNanos(sinceNanos).untilNanos(untilNanos);
        if (level != null) {
            Level l = Level.parse(level);
            if (l == null) {
                throw new UserError("invalid --level '" + level + "': expected TRACE, DEBUG, INFO, WARN, ERROR or FATAL");
            }
            q.minLevel(l);
        }
        for (String logger : loggers) {
            if (logger.endsWith("*")) {
                q.loggerPrefix(logger.substring(0, logger.length() - 1));
            } else {
                q.loggerTree(logger);
            }
        }
        threads.forEach(q::thread);
        templates.forEach(q::template);
        for (String a : arguments) {
            try {
                q.argument(ArgumentPredicate.parse(a));
            } catch (IllegalArgumentException e) {
                throw new UserError("invalid --arg: " + e.getMessage());
            }
        }
        for (String r : regexes) {
            try {
                q.regex(Pattern.compile(r, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
            } catch (PatternSyntaxException e) {
                throw new UserError("invalid --grep '" + r + "': " + e.getDescription());
            }
        }
        texts.forEach(q::text);
        words.forEach(q::word);
        q.ignoreCase(ignoreCase).wholeWords(wholeWords);
        for (String f : fields) {
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new UserError("invalid --field '" + f + "': expected KEY=VALUE");
            }
            q.field(f.substring(0, eq), f.substring(eq + 1));
        }
        exceptions.forEach(q::exception);
        if (run != null) {
            try {
                q.run(RunSelector.parse(run));
            } catch (IllegalArgumentException e) {
                throw new UserError("invalid --run '" + run + "': " + e.getMessage());
            }
        }
        return q;
    }
}
