package io.timberlog.cli;

import io.timberlog.cli.output.SafeText;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreOptions;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code timberlog compact DIR}: converts the WAL files of a stopped or crashed writer into segments. */
final class CompactCommand {
    private static final String[] DESCRIPTION = {"Converts the WAL files of a stopped or crashed writer into "
            + "compressed, indexed segments, offline, as the writer does while it runs: queries get faster and the "
            + "store smaller. Also cleans up what a crash left (temporary files, a missing or damaged "
            + "manifest.json). Refuses while a writer holds the store. Deletes nothing for retention: that is the "
            + "writer's job, with its own settings."};

    private final Console console;
    private final Path dir;

    private CompactCommand(Console console, CommandSpec parsed) {
        this.console = console;
        dir = Specs.positional(parsed, 0);
    }

    /** The definition of {@code compact}, run on {@code console}. */
    static CommandSpec spec(Console console) {
        CommandSpec spec = Specs.command("compact", parsed -> new CompactCommand(console, parsed).run(), true,
                DESCRIPTION, "  timberlog compact /var/log/app/timberlog");
        spec.addPositional(Specs.storeDirectory("A store directory."));
        Specs.addHelpOptions(spec);
        return spec;
    }

    private int run() throws IOException {
        StoreOptions options = StoreOptions.builder(dir).maxTotalSize(0).maxAge(null)
                .problemListener((message, cause) -> {
                    StringBuilder sb = new StringBuilder("timberlog: warning: ");
                    SafeText.appendVisible(sb, message, false);
                    console.err().println(sb);
                }).build();
        int converted = StoreMaintenance.compact(options);
        PrintStream out = new PrintStream(console.out(), true, StandardCharsets.UTF_8);
        out.println("compacted " + converted + (converted == 1 ? " WAL file" : " WAL files") + " into segments");
        return ExitCode.OK;
    }
}
