package io.timberlog.cli;

import io.timberlog.cli.output.SafeText;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.query.StoreRef;
import io.timberlog.core.query.StoreSet;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code timberlog compact DIR}: converts the WAL files of a stopped or crashed writer into segments. */
final class CompactCommand {
    private static final String[] DESCRIPTION = {"Converts the WAL files of a stopped or crashed writer into "
            + "compressed, indexed segments, offline, as the writer does while it runs: queries get faster and the "
            + "store smaller. Also cleans up what a crash left (temporary files, a missing or damaged "
            + "manifest.json), and raises a crashed writer's wal.meta to the WAL ids and sequence numbers the "
            + "segments now hold, so that the next writer goes on after them. Refuses while a writer holds the store. Deletes nothing for retention: that is the "
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
        spec.addPositional(Specs.storeDirectory("A store directory, or a directory that holds stores."));
        Specs.addHelpOptions(spec);
        return spec;
    }

    /**
     * Compacts every store DIR holds: a store and its fallback stores, or each store below a root, as
     * the other commands read them. A store that cannot be compacted (a writer holds it) is reported
     * and the others are done; the exit status then says that one failed.
     */
    private int run() throws IOException {
        List<StoreRef> stores = StoreSet.open(dir).stores();
        PrintStream out = new PrintStream(console.out(), true, StandardCharsets.UTF_8);
        ErrorReporter errors = new ErrorReporter(console);
        int exit = ExitCode.OK;
        for (StoreRef store : stores) {
            String label = stores.size() == 1 ? "" : store.label() + ": ";
            try {
                int converted = StoreMaintenance.compact(options(store.directory()));
                StringBuilder line = new StringBuilder();
                SafeText.appendVisible(line, label, false);
                out.println(line.append("compacted ").append(converted).append(converted == 1 ? " WAL file" : " WAL files")
                        .append(" into segments"));
            } catch (IOException | RuntimeException e) {
                if (stores.size() == 1) {
                    throw e;
                }
                errors.report(e);
                exit = ExitCode.ERROR;
            }
        }
        return exit;
    }

    private StoreOptions options(Path store) {
        return StoreOptions.builder(store).maxTotalSize(0).maxAge(null)
                .problemListener((message, cause) -> {
                    StringBuilder sb = new StringBuilder("timberlog: warning: ");
                    SafeText.appendVisible(sb, message, false);
                    console.err().println(sb);
                }).build();
    }
}
