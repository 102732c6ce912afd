package io.timberlog.cli;

import io.timberlog.core.Level;
import io.timberlog.core.query.ArgumentPredicate;
import io.timberlog.core.query.Query;
import io.timberlog.core.query.RunSelector;
import picocli.CommandLine.Model.CommandSpec;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The options that choose events, shared by {@code query} and {@code stats}. */
final class FilterOptions {
    private final String since;
    private final String until;
    private final String level;
    private final List<String> loggers;
    private final List<String> threads;
    private final List<String> templates;
    private final List<String> arguments;
    private final List<String> regexes;
    private final List<String> words;
    private final List<String> texts;
    private final boolean ignoreCase;
    private final boolean wholeWords;
    private final List<String> fields;
    private final List<String> exceptions;
    private final String run;
    private final boolean utc;

    /** The values parsed into the options {@link #addTo} added to {@code spec}. */
    FilterOptions(CommandSpec spec) {
        since = Specs.value(spec, "--since");
        until = Specs.value(spec, "--until");
        level = Specs.value(spec, "--level");
        loggers = Specs.values(spec, "--logger");
        threads = Specs.values(spec, "--thread");
        templates = Specs.values(spec, "--template");
        arguments = Specs.values(spec, "--arg");
        regexes = Specs.values(spec, "--grep");
        words = Specs.values(spec, "--text");
        texts = Specs.values(spec, "--contains");
        ignoreCase = Specs.isSet(spec, "--ignore-case");
        wholeWords = Specs.isSet(spec, "--whole-words");
        fields = Specs.values(spec, "--field");
        exceptions = Specs.values(spec, "--exception");
        run = Specs.value(spec, "--run");
        utc = Specs.isSet(spec, "--utc");
    }

    static void addTo(CommandSpec spec) {
        spec.addOption(Specs.option("TIME", String.class,
                "Events at or after TIME:%n  ISO-8601 (2024-05-01T10:00:00Z, 2024-05-01 10:00, 10:00), "
                        + "a time ago (30s, 10m, 2h, 1h30m, 3d, 1w, 2M for months, 1y), now, today, yesterday.",
                "--since").build());
        spec.addOption(Specs.option("TIME", String.class, "Events at or before TIME (same forms as --since).",
                "--until").build());
        spec.addOption(Specs.option("LEVEL", String.class,
                "Events of LEVEL and more severe: TRACE, DEBUG, INFO, WARN, ERROR, FATAL.", "-l", "--level")
                .completionCandidates(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")).build());
        spec.addOption(Specs.repeatable("NAME", "Events of logger NAME and its descendants (NAME.*); NAME* for any "
                + "name starting with NAME. Repeat for any of several.", "--logger"));
        spec.addOption(Specs.repeatable("NAME", "Events of thread NAME. Repeat for any of several.", "--thread"));
        spec.addOption(Specs.repeatable("TEMPLATE",
                "Events logged with this message template, e.g. 'order {} took {} ms'. Repeatable.", "--template"));
        spec.addOption(Specs.repeatable("CONDITION", "INDEX OP VALUE on an argument (INDEX from 0), compared by its "
                + "stored type:%n  2>500, 0=alice, 1!=ok; = != < <= > >=. Repeat for all of several.", "--arg"));
        spec.addOption(Specs.repeatable("REGEX", "Events whose message contains a match of REGEX (Java syntax). "
                + "Repeat for all of several.", "-g", "--grep"));
        spec.addOption(Specs.repeatable("WORD", "Events whose message holds WORD as whole words: no letter or digit "
                + "right before or after it (--text 4711 finds 'order 4711 failed', not 'order 47110'; WORD may hold "
                + "several words and other characters: --text req-8f3a). The store's index knows which words each "
                + "block of events holds, so a rare value is found without reading the rest. Repeat for all of "
                + "several.", "-t", "--text"));
        spec.addOption(Specs.repeatable("TEXT", "Events whose message contains TEXT anywhere, also inside words "
                + "(like grep -F; slower than --text: only the words TEXT holds whole can be looked up in the "
                + "index). Repeat for all of several.", "-s", "--contains"));
        spec.addOption(Specs.flag("--text, --contains and --grep ignore case.", "-i", "--ignore-case"));
        spec.addOption(Specs.flag("--grep and --contains match whole words only, like grep -w: no letter or digit "
                + "right before or after a match.", "-w", "--whole-words"));
        spec.addOption(Specs.repeatable("KEY=VALUE", "Events with an MDC entry or key-value pair KEY whose value is "
                + "VALUE. Repeat for all.", "--field"));
        spec.addOption(Specs.repeatable("CLASS", "Events with exception CLASS anywhere in the chain (causes "
                + "included); a name without a dot matches the simple name. Repeat for any of several.",
                "-e", "--exception"));
        spec.addOption(Specs.option("RUN", String.class, "Events of one run: 0 the latest, -1 the one before (the one "
                + "that crashed, after a restart), 1 the first; or a run id from 'timberlog runs'.", "--run").build());
        spec.addOption(Specs.flag("Read and show times in UTC instead of the local time zone.", "--utc"));
    }

    ZoneId zone(Console console) {
        return utc ? ZoneOffset.UTC : console.zone();
    }

    /** The filters as a query builder; {@link UserError} for a value that does not parse. */
    Query.Builder toQuery(Console console) {
        Query.Builder q = Query.builder();
        ZoneId zone = zone(console);
        java.time.Instant now = console.clock().instant();
        long sinceNanos = since == null ? Long.MIN_VALUE : TimeSpec.parse("--since", since, now, zone, false);
        long untilNanos = until == null ? Long.MAX_VALUE : TimeSpec.parse("--until", until, now, zone, true);
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
        if (words.contains("")) {
            throw new UserError("invalid --text '': a WORD to look for is needed (leave --text out to read every event)");
        }
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
