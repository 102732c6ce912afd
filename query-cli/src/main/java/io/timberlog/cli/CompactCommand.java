package io.timberlog.cli;

import io.timberlog.core.StoreCompactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code timberlog compact DIR}: converts the WAL files of a stopped or crashed writer into segments. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Converts the WAL files of a stopped or crashed writer into compressed, indexed segments, "
                + "offline. Refuses while a writer holds the store."},
        footerHeading = "%nExamples:%n",
        footer = {"  timberlog compact /var/log/app/timberlog"})
final class CompactCommand implements Callable<Integer> {
    @ParentCommand
    Timberlog parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "A store directory.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Optional<StoreCompactor> compactor = StoreCompactor.find();
        if (compactor.isEmpty()) {
            throw new UserError("compact is not available: this build of TimberLog has no segment engine");
        }
        StoreCompactor.Result result = compactor.get().compact(dir);
        PrintStream out = new PrintStream(parent.console().out(), true, StandardCharsets.UTF_8);
        out.println("compacted " + result.walFiles() + " WAL files into " + result.segments() + " segments ("
                + result.events() + " events)");
        return ExitCode.OK;
    }
}
