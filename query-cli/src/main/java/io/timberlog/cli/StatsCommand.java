package io.timberlog.cli;

import io.timberlog.cli.output.Ansi;
import io.timberlog.cli.output.SafeText;
import io.timberlog.cli.output.Timestamps;
import io.timberlog.core.Level;
import io.timberlog.core.query.QueryResult;
import io.timberlog.core.query.StoreSet;
import io.timberlog.core.query.StoreSummary;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code timberlog stats DIR}: what the store holds, at a glance. */
final class StatsCommand {
    enum Format { text, json }

    private static final String[] DESCRIPTION = {"Shows what the store(s) in DIR hold: files and bytes on disk, time "
            + "range, events per level, top loggers, top templates (the most frequent messages by template), top "
            + "exceptions grouped by fingerprint (class and top frames) with first and last time, and a histogram of "
            + "events per minute by level. Past 100,000 different loggers or templates, or 16 million chars of "
            + "them (messages built by concatenation, each a template of its own), counts are kept in bounded memory "
            + "and may be low, by at most the amount the heading (JSON: topLoggersUndercount, "
            + "topTemplatesUndercount) says. "
            + "The filters narrow it like a query. Exit status 0 when it counted "
            + "events, 1 when the filters (or an empty store) left none, 2 on an error."};
    private static final String[] EXAMPLES = {"  timberlog stats /var/log/app/timberlog",
            "  timberlog stats DIR --since 1h --level WARN",
            "  timberlog stats DIR --run -1 --format json | jq .topExceptions"};

    private final Console console;
    private final Path dir;
    private final FilterOptions filters;
    private final int top;
    private final Format format;
    private final OutputOptions output;

    private StatsCommand(Console console, CommandSpec parsed) {
        this.console = console;
        dir = Specs.positional(parsed, 0);
        filters = new FilterOptions(parsed);
        top = Specs.value(parsed, "--top");
        format = Specs.value(parsed, "--format");
        output = new OutputOptions(parsed);
    }

    /** The definition of {@code stats}, run on {@code console}. */
    static CommandSpec spec(Console console) {
        CommandSpec spec = Specs.command("stats", parsed -> new StatsCommand(console, parsed).run(), false,
                DESCRIPTION, EXAMPLES);
        spec.addPositional(Specs.storeDirectory("A store directory, or a directory that holds stores."));
        FilterOptions.addTo(spec);
        spec.addOption(Specs.option("N", int.class, "How many loggers, templates and exceptions to list (default 10).",
                "--top").defaultValue("10").build());
        spec.addOption(Specs.option("FORMAT", Format.class, "text or json.", "-o", "--format").defaultValue("text")
                .build());
        OutputOptions.addTo(spec);
        Specs.addHelpOptions(spec);
        return spec;
    }

    private int run() throws IOException {
        if (top < 0) {
            throw new UserError("invalid --top " + top + ": expected 0 or more");
        }
        StoreSet stores = StoreSet.open(dir);
        EventStats stats = new EventStats(top);
        List<StoreSummary> summaries = stores.summaries();
        try (QueryResult result = stores.query(filters.toQuery(console).build());
             Progress progress = Progress.start(console, result::bytesRead, result::bytesToRead)) {
            while (result.hasNext()) {
                stats.add(result.next().event());
            }
            progress.stop();
            QueryCommand.warn(console, result.damages(), new HashSet<>());
        }
        ZoneId zone = filters.zone(console);
        StringBuilder sb = new StringBuilder();
        if (format == Format.json) {
            json(sb, summaries, stats);
        } else {
            text(sb, summaries, stats, zone, output.ansi(console));
        }
        console.print(sb);
        return stats.events > 0 ? ExitCode.OK : ExitCode.NO_MATCH;
    }

    private void text(StringBuilder sb, List<StoreSummary> summaries, EventStats stats, ZoneId zone, Ansi ansi) {
        int wal = 0;
        int segments = 0;
        long walBytes = 0;
        long segmentBytes = 0;
        long disk = 0;
        for (StoreSummary s : summaries) {
            wal += s.walFiles();
            segments += s.segments();
            walBytes += s.walBytes();
            segmentBytes += s.segmentBytes();
            disk += s.bytesOnDisk();
        }
        sb.append(String.format(Locale.ROOT, "%-12s %d", "Stores:", summaries.size()));
        if (summaries.size() > 1) {
            storeNames(sb, summaries);
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-12s %d (%s)%n", "Segments:", segments, Times.bytes(segmentBytes)));
        sb.append(String.format(Locale.ROOT, "%-12s %d (%s)%n", "WAL files:", wal, Times.bytes(walBytes)));
        sb.append(String.format(Locale.ROOT, "%-12s %s%n", "On disk:", Times.bytes(disk)));
        sb.append(String.format(Locale.ROOT, "%-12s %d%n", "Events:", stats.events));
        if (stats.events > 0) {
            sb.append(String.format(Locale.ROOT, "%-12s %s .. %s (%s)%n", "Time range:", Times.seconds(stats.first, zone),
                    Times.seconds(stats.last, zone), Times.duration(stats.first, stats.last)));
        }
        sb.append(String.format(Locale.ROOT, "%-12s", "Levels:"));
        for (Level l : Level.values()) {
            sb.append(' ').append(l.name()).append(' ').append(stats.levels[l.code()]).append(' ');
        }
        sb.setLength(sb.length() - 1);
        sb.append('\n');
        if (stats.events == 0) {
            return;
        }
        if (top > 0) {
            sb.append("\nTop loggers");
            counts(sb, stats.loggers, top, "(root)");
            sb.append("\nTop templates");
            counts(sb, stats.templates, top, "(no template)");
        }
        List<EventStats.Failure> failures = stats.topFailures(top);
        if (!failures.isEmpty()) {
            sb.append("\nTop exceptions (class and top ").append(EventStats.FINGERPRINT_FRAMES).append(" frames):\n");
            for (EventStats.Failure f : failures) {
                sb.append(String.format(Locale.ROOT, "%10d  ", f.count));
                SafeText.appendVisible(sb, f.example, false);
                sb.append("\n            first ").append(Times.seconds(f.first, zone)).append(", last ")
                        .append(Times.seconds(f.last, zone)).append('\n');
                for (String frame : f.frames) {
                    SafeText.appendVisible(sb.append("            at "), frame, false);
                    sb.append('\n');
                }
            }
        }
        sb.append('\n');
        Histogram.draw(sb, stats.perMinute, zone, ansi);
    }

    /**
     * The heading's end and the {@code top} most frequent names.
     * @param emptyName what an empty name stands for, shown in its place
     */
    private static void counts(StringBuilder sb, TopCounts counts, int top, String emptyName) {
        if (counts.undercount() > 0) {
            sb.append(" (too many different ones to count each: a count may be up to ").append(counts.undercount())
                    .append(" low)");
        }
        sb.append(":\n");
        for (Map.Entry<String, Long> e : counts.top(top).entrySet()) {
            sb.append(String.format(Locale.ROOT, "%10d  ", e.getValue()));
            if (e.getKey().isEmpty()) {
                sb.append(emptyName);
            } else {
                SafeText.appendVisible(sb, e.getKey(), false);
            }
            sb.append('\n');
        }
    }

    /** The stores' names after their count, in parentheses, wrapped to lines of {@link Histogram#WIDTH} columns. */
    private static void storeNames(StringBuilder sb, List<StoreSummary> summaries) {
        String indent = String.format(Locale.ROOT, "%-12s ", "");
        int lineStart = sb.lastIndexOf("\n") + 1;
        for (int i = 0; i < summaries.size(); i++) {
            StringBuilder name = new StringBuilder(i == 0 ? "(" : "");
            SafeText.appendVisible(name, summaries.get(i).store().label(), false);
            name.append(i == summaries.size() - 1 ? ")" : ",");
            if (i > 0 && sb.length() - lineStart + 1 + name.length() > Histogram.WIDTH) {
                sb.append('\n');
                lineStart = sb.length();
                sb.append(indent);
            } else {
                sb.append(' ');
            }
            sb.append(name);
        }
    }

    private void json(StringBuilder sb, List<StoreSummary> summaries, EventStats stats) {
        sb.append("{\"stores\":[");
        for (int i = 0; i < summaries.size(); i++) {
            StoreSummary s = summaries.get(i);
            sb.append(i > 0 ? "," : "").append("{\"store\":");
            SafeText.appendJson(sb, s.store().label());
            sb.append(",\"directory\":");
            SafeText.appendJson(sb, s.store().directory().toString());
            sb.append(",\"segments\":").append(s.segments()).append(",\"segmentBytes\":").append(s.segmentBytes())
                    .append(",\"walFiles\":").append(s.walFiles()).append(",\"walBytes\":").append(s.walBytes())
                    .append(",\"bytesOnDisk\":").append(s.bytesOnDisk()).append('}');
        }
        sb.append("],\"events\":").append(stats.events);
        if (stats.events > 0) {
            sb.append(",\"first\":\"").append(Timestamps.iso(stats.first)).append("\",\"last\":\"")
                    .append(Timestamps.iso(stats.last)).append('"');
        }
        sb.append(",\"levels\":{");
        for (Level l : Level.values()) {
            sb.append(l.code() > 0 ? "," : "").append('"').append(l.name()).append("\":").append(stats.levels[l.code()]);
        }
        sb.append("},\"topLoggers\":");
        countsJson(sb, stats.loggers.top(top), "logger");
        sb.append(",\"topLoggersUndercount\":").append(stats.loggers.undercount()).append(",\"topTemplates\":");
        countsJson(sb, stats.templates.top(top), "template");
        sb.append(",\"topTemplatesUndercount\":").append(stats.templates.undercount());
        sb.append(",\"topExceptions\":[");
        List<EventStats.Failure> failures = stats.topFailures(top);
        for (int i = 0; i < failures.size(); i++) {
            EventStats.Failure f = failures.get(i);
            sb.append(i > 0 ? "," : "").append("{\"class\":");
            SafeText.appendJson(sb, f.className);
            sb.append(",\"frames\":[");
            for (int j = 0; j < f.frames.size(); j++) {
                SafeText.appendJson(sb.append(j > 0 ? "," : ""), f.frames.get(j));
            }
            sb.append("],\"count\":").append(f.count).append(",\"first\":\"").append(Timestamps.iso(f.first))
                    .append("\",\"last\":\"").append(Timestamps.iso(f.last)).append("\",\"example\":");
            SafeText.appendJson(sb, f.example);
            sb.append('}');
        }
        sb.append("],\"perMinute\":[");
        boolean firstMinute = true;
        for (Map.Entry<Long, long[]> e : stats.perMinute.entrySet()) {
            sb.append(firstMinute ? "" : ",").append("{\"minute\":\"").append(Timestamps.iso(e.getKey())).append('"');
            firstMinute = false;
            for (Level l : Level.values()) {
                sb.append(",\"").append(l.name()).append("\":").append(e.getValue()[l.code()]);
            }
            sb.append('}');
        }
        sb.append("]}\n");
    }

    private static void countsJson(StringBuilder sb, Map<String, Long> counts, String key) {
        sb.append('[');
        boolean first = true;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            sb.append(first ? "" : ",").append("{\"").append(key).append("\":");
            SafeText.appendJson(sb, e.getKey());
            sb.append(",\"count\":").append(e.getValue()).append('}');
            first = false;
        }
        sb.append(']');
    }
}
