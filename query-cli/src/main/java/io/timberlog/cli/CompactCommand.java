package io.timberlog.cli;

import io.timberlog.cli.output.SafeText;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code timberlog compact DIR}: converts the WAL files of a stopped or crashed writer into segments. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Converts the WAL files of a stopped or crashed writer into compressed, indexed segments, "
                + "offline, as the writer does while it runs: queries get faster and the store smaller. Also "
                + "cleans up what a crash left (temporary files, a missing or damaged manifest.json). Refuses "
                + "while a writer holds the store. Deletes nothing for retention: that is the writer's job, "
                + "with its own settings."},
        footerHeading = "%nExamples:%n",
        footer = {"  timberlog compact /var/log/app/timberlog"})
final class CompactCommand implements Callable<Integer> {
    @ParentCommand
    Timberlog parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "A store directory.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Console console = parent.console();
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
