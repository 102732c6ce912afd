package io.timberlog.cli;

import io.timberlog.cli.output.SafeText;
import io.timberlog.core.Damage;
import io.timberlog.core.query.RunSummary;
import io.timberlog.core.query.StoreSet;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** {@code timberlog runs DIR}: every run, like {@code journalctl --list-boots}. */
final class RunsCommand {
    enum Format { text, json }

    private static final String[] DESCRIPTION = {"Lists every run of the writing process(es): start, end, events, and "
            + "whether it ended cleanly, crashed, or is still running. IDX is what --run takes: 0 the latest, -1 the "
            + "one before."};
    private static final String[] EXAMPLES = {"  timberlog runs /var/log/app/timberlog",
            "  timberlog runs DIR --format json | jq 'select(.state == \"CRASHED\")'",
            "  timberlog query DIR --run -1 -n 50      the end of the run before the latest"};

    private final Console console;
    private final Path dir;
    private final Format format;
    private final boolean utc;

    private RunsCommand(Console console, CommandSpec parsed) {
        this.console = console;
        dir = Specs.positional(parsed, 0);
        format = Specs.value(parsed, "--format");
        utc = Specs.isSet(parsed, "--utc");
    }

    /** The definition of {@code runs}, run on {@code console}. */
    static CommandSpec spec(Console console) {
        CommandSpec spec = Specs.command("runs", parsed -> new RunsCommand(console, parsed).run(), false,
                DESCRIPTION, EXAMPLES);
        spec.addPositional(Specs.storeDirectory("A store directory, or a directory that holds stores."));
        spec.addOption(Specs.option("FORMAT", Format.class, "text or json.", "-o", "--format").defaultValue("text")
                .build());
        spec.addOption(Specs.flag("Show times in UTC instead of the local time zone.", "--utc"));
        Specs.addHelpOptions(spec);
        return spec;
    }

    private int run() throws IOException {
        ZoneId zone = utc ? ZoneOffset.UTC : console.zone();
        List<Damage> damages = new ArrayList<>();
        List<RunSummary> runs = StoreSet.open(dir).runs(damages::add);
        QueryCommand.warn(console, damages, new HashSet<>()); // counts short of what the runs wrote: say why
        StringBuilder sb = new StringBuilder();
        if (format == Format.json) {
            for (int i = 0; i < runs.size(); i++) {
                RunSummary r = runs.get(i);
                sb.append("{\"index\":").append(i - runs.size() + 1).append(",\"run\":\"").append(r.run().id())
                        .append("\",\"store\":");
                SafeText.appendJson(sb, r.store().label());
                sb.append(",\"pid\":").append(r.run().pid()).append(",\"host\":");
                SafeText.appendJson(sb, r.run().host());
                sb.append(",\"start\":\"").append(io.timberlog.cli.output.Timestamps.iso(r.startEpochNanos()))
                        .append("\",\"end\":");
                if (r.endEpochNanos() == 0) {
                    sb.append("null");
                } else {
                    sb.append('"').append(io.timberlog.cli.output.Timestamps.iso(r.endEpochNanos())).append('"');
                }
                sb.append(",\"events\":").append(r.events()).append(",\"files\":").append(r.files())
                        .append(",\"state\":\"").append(r.state()).append("\"}\n");
            }
        } else {
            sb.append(String.format(Locale.ROOT, "%4s  %-28s %-19s  %-19s  %10s  %-8s %s%n", "IDX", "RUN", "START", "END",
                    "EVENTS", "STATE", "PROCESS"));
            for (int i = 0; i < runs.size(); i++) {
                RunSummary r = runs.get(i);
                StringBuilder process = new StringBuilder("pid ").append(r.run().pid()).append(" on ");
                SafeText.appendVisible(process, r.run().host(), false);
                if (!r.store().label().equals(".")) {
                    process.append(" in ");
                    SafeText.appendVisible(process, r.store().label(), false);
                }
                sb.append(String.format(Locale.ROOT, "%4d  %-28s %-19s  %-19s  %10d  %-8s %s%n", i - runs.size() + 1,
                        r.run().id(), Times.seconds(r.startEpochNanos(), zone), Times.seconds(r.endEpochNanos(), zone),
                        r.events(), r.state().name().toLowerCase(Locale.ROOT), process));
            }
        }
        console.print(sb);
        return ExitCode.OK;
    }
}
