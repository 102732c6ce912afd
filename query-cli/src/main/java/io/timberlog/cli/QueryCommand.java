package io.timberlog.cli;

import io.timberlog.cli.output.EventFormat;
import io.timberlog.cli.output.JsonFormat;
import io.timberlog.cli.output.LayoutContext;
import io.timberlog.cli.output.LogfmtFormat;
import io.timberlog.cli.output.PatternLayout;
import io.timberlog.cli.output.RawFormat;
import io.timberlog.core.Damage;
import io.timberlog.core.query.Follower;
import io.timberlog.core.query.Query;
import io.timberlog.core.query.QueryHit;
import io.timberlog.core.query.QueryResult;
import io.timberlog.core.query.StoreSet;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code timberlog query DIR}: prints the events that match, oldest first: each store's in the order
 * they were appended, the stores' merged by time.
 */
final class QueryCommand {
    enum Format { text, json, logfmt, raw }

    private static final String[] DESCRIPTION = {
            "Prints the events of the store(s) in DIR that match every filter, oldest first.",
            "DIR is a store, or a directory holding several (a fleet's stores); a store's fallback stores "
                    + "(fallback/pid-*) are read with it. Works while the application writes and right after it "
                    + "crashed."};
    private static final String[] EXAMPLES = {
            "  timberlog query DIR -n 20                       the last 20 events",
            "  timberlog query DIR --run -1 -n 100             the end of the run before",
            "  timberlog query DIR --level WARN --since 10m    warnings of the last 10 min",
            "  timberlog query DIR -f --logger com.acme        follow one package",
            "  timberlog query DIR --template 'order {} for {} took {} ms' --arg '2>500'",
            "                                                  slow orders, as numbers",
            "  timberlog query DIR -e SQLException --field requestId=r-42",
            "  timberlog query DIR --grep 'time[sd]? ?out' -i -o json | jq .message",
            "  timberlog query DIR -p '%%d{HH:mm:ss} %%-5level %%logger{20} %%msg%%n'",
            "",
            "Exit status: 0 when an event matched, 1 when none did, 2 on an error."};
    private static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd HH:mm:ss.SSS} %highlight(%-5level) [%thread] %cyan(%logger) - %msg%n";
    /** The store file that lists the segments (FORMAT.md, "manifest.json"). */
    private static final String MANIFEST_FILE = "manifest.json";
    private static final long FOLLOW_POLL_MILLIS = 200;
    /** How many of the existing events {@code --follow} shows first when {@code --lines} does not say. */
    private static final int FOLLOW_LINES = 10;

    private final Console console;
    private final Path dir;
    private final FilterOptions filters;
    /** How many of the last matching events to show; {@code null} for all. */
    private final Integer lines;
    private final boolean reverse;
    private final boolean follow;
    private final Format format;
    private final String pattern;
    private final OutputOptions output;

    private volatile boolean stopping;

    private QueryCommand(Console console, CommandSpec parsed) {
        this.console = console;
        dir = Specs.positional(parsed, 0);
        filters = new FilterOptions(parsed);
        reverse = Specs.isSet(parsed, "--reverse");
        follow = Specs.isSet(parsed, "--follow");
        Integer n = Specs.value(parsed, "--lines");
        // like tail -f: a screenful of context, not the whole store
        lines = n == null && follow ? Integer.valueOf(FOLLOW_LINES) : n;
        format = Specs.value(parsed, "--format");
        pattern = Specs.value(parsed, "--pattern");
        output = new OutputOptions(parsed);
    }

    /** The definition of {@code query}, run on {@code console}. */
    static CommandSpec spec(Console console) {
        CommandSpec spec = Specs.command("query", parsed -> new QueryCommand(console, parsed).run(), false,
                DESCRIPTION, EXAMPLES);
        spec.addPositional(Specs.storeDirectory("A store directory, or a directory that holds stores."));
        FilterOptions.addTo(spec);
        spec.addOption(Specs.option("N", Integer.class, "Only the last N matching events (like tail).",
                "-n", "--lines").build());
        spec.addOption(Specs.flag("Newest first.", "-r", "--reverse"));
        spec.addOption(Specs.flag("Print the last matching events (10 unless --lines says otherwise), then wait for "
                + "new ones and print them as they are written, across WAL rotation, until Ctrl-C (or at once with an "
                + "--until already past).", "-f", "--follow"));
        spec.addOption(Specs.option("FORMAT", Format.class, "text (default), json (JSON Lines, every field), logfmt, "
                + "raw (the message, and its exception under it).", "-o", "--format").defaultValue("text").build());
        spec.addOption(Specs.option("PATTERN", String.class, "Format text with logback's pattern syntax, e.g.%n  "
                + "'%%d %%-5level [%%thread] %%logger{36} - %%msg%%n'.", "-p", "--pattern").build());
        OutputOptions.addTo(spec);
        Specs.addHelpOptions(spec);
        return spec;
    }

    private int run() throws IOException {
        Query.Builder builder = filters.toQuery(console).reverse(reverse).formatMessages(true);
        if (lines != null) {
            if (lines < 0) {
                throw new UserError("invalid --lines " + lines + ": expected a number of events, 0 or more");
            }
            builder.last(Math.max(lines, 1));
        }
        if (follow && reverse) {
            throw new UserError("--follow prints new events as they come: it does not go with --reverse");
        }
        if (pattern != null && format != Format.text) {
            throw new UserError("--pattern formats text: it does not go with --format " + format);
        }
        StoreSet stores = StoreSet.open(dir);
        EventFormat eventFormat = eventFormat(stores);
        // the reading threads render what they find in segments, each with a format of its own
        Query query = builder.render(() -> eventFormat(stores)::format).build();
        boolean matched = false;
        StringBuilder sb = new StringBuilder(512);
        Set<String> warned = new HashSet<>();
        Output out = new Output(console, console.stdoutTerminal() || follow);
        try (out;
             QueryResult result = stores.query(query);
             Progress progress = Progress.start(console, result::bytesRead, result::bytesToRead)) {
            boolean print = lines == null || lines > 0;
            while (result.hasNext() && !out.closed()) {
                QueryHit hit = result.next();
                if (print) {
                    if (console.stdoutTerminal()) {
                        progress.clear();
                    }
                    if (hit.hasText()) {
                        out.write(hit);
                    } else {
                        eventFormat.format(hit, sb);
                        out.write(sb);
                    }
                    matched = true;
                }
            }
            progress.stop();
            out.flush();
            warn(console, result.damages(), warned);
            // an --until already past: what could still come would be stamped before now, as no writer does
            if (follow && !out.closed() && query.untilNanos() >= nowNanos()) {
                matched |= follow(result, eventFormat, stores.stores().size() > 1, out, warned);
            }
        }
        out.checkWritten();
        return matched ? ExitCode.OK : ExitCode.NO_MATCH;
    }

    private long nowNanos() {
        Instant now = console.clock().instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private EventFormat eventFormat(StoreSet stores) {
        return eventFormat(stores.stores().size() > 1);
    }

    /** The format of the output; for text without --pattern, with the store first when there are several. */
    private EventFormat eventFormat(boolean severalStores) {
        switch (format) {
            case json:
                return new JsonFormat();
            case logfmt:
                return new LogfmtFormat();
            case raw:
                return new RawFormat();
            default:
                String p = pattern != null ? pattern : severalStores ? "%magenta(%store) " + TEXT_PATTERN : TEXT_PATTERN;
                try {
                    return PatternLayout.compile(p, new LayoutContext(filters.zone(console), output.ansi(console),
                            System.lineSeparator(), pattern == null));
                } catch (IllegalArgumentException e) {
                    throw new UserError("invalid --pattern: " + e.getMessage());
                }
        }
    }

    /** Prints new events until Ctrl-C (or until the reader of the output goes away). */
    private boolean follow(QueryResult result, EventFormat eventFormat, boolean severalStores, Output out,
                           Set<String> warned) throws IOException {
        // Not a join of this thread: it ends only after System.exit, which waits for the hook.
        CountDownLatch printed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping = true;
            try {
                printed.await(1, TimeUnit.SECONDS); // let the event being printed finish, and the output be flushed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "timberlog-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean matched = false;
        StringBuilder sb = new StringBuilder(512);
        try (Follower follower = result.follow()) {
            while (!stopping && !out.closed()) {
                List<QueryHit> hits = follower.poll();
                for (QueryHit hit : hits) {
                    if (stopping) {
                        break;
                    }
                    if (hit.store().index() > 0 && !severalStores) {
                        // a store that appeared while following (a fallback store): from now on lines say whose
                        severalStores = true;
                        eventFormat = eventFormat(true);
                    }
                    eventFormat.format(hit, sb);
                    out.write(sb);
                    matched = true;
                }
                out.flush();
                warn(console, follower.damages(), warned);
                if (hits.isEmpty() && !out.closedOrUnread()) {
                    sleep();
                }
            }
        } finally {
            out.flush();
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running and waits for this thread
            }
        }
        return matched;
    }

    private void sleep() {
        try {
            Thread.sleep(FOLLOW_POLL_MILLIS);
        } catch (InterruptedException e) {
            stopping = true;
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Damaged ranges on stderr, each once; unpublished room of a live or crashed writer is expected and
     * not shown. A damaged manifest skips no events (it is rebuilt from the segments, as its damage's
     * detail says), so its warning does not say "skipped".
     */
    static void warn(Console console, List<Damage> damages, Set<String> warned) {
        for (Damage d : damages) {
            if (d.kind() == Damage.Kind.CORRUPT && warned.add(d.toString())) {
                boolean manifest = d.file().getFileName().toString().equals(MANIFEST_FILE);
                StringBuilder sb = new StringBuilder(manifest ? "timberlog: warning: " : "timberlog: warning: damaged range skipped: ");
                io.timberlog.cli.output.SafeText.appendVisible(sb, d.toString(), false);
                console.err().println(sb);
            }
        }
    }
}
