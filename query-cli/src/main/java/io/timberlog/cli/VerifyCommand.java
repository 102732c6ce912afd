package io.timberlog.cli;

import io.timberlog.cli.output.SafeText;
import io.timberlog.core.Damage;
import io.timberlog.core.query.StoreSet;
import io.timberlog.core.query.StoreSummary;
import io.timberlog.core.query.VerifyReport;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** {@code timberlog verify DIR}: checks every checksum and reference. */
final class VerifyCommand {
    private static final String[] DESCRIPTION = {"Reads every file of the store(s) in DIR, checks every checksum and "
            + "reference, and lists the damaged ranges. Exit status 0 only when the store is whole, 1 when something "
            + "is damaged, 2 on an error.",
            "Room a writer reserved but never filled at the end of a run that crashed (or still runs) held no "
                    + "acknowledged event: it is listed as expected and is not damage."};

    private final Console console;
    private final Path dir;

    private VerifyCommand(Console console, CommandSpec parsed) {
        this.console = console;
        dir = Specs.positional(parsed, 0);
    }

    /** The definition of {@code verify}, run on {@code console}. */
    static CommandSpec spec(Console console) {
        CommandSpec spec = Specs.command("verify", parsed -> new VerifyCommand(console, parsed).run(), true,
                DESCRIPTION, "  timberlog verify /var/log/app/timberlog && echo whole");
        spec.addPositional(Specs.storeDirectory("A store directory, or a directory that holds stores."));
        Specs.addHelpOptions(spec);
        return spec;
    }

    private int run() throws IOException {
        StoreSet stores = StoreSet.open(dir);
        long total = 0;
        for (StoreSummary s : stores.summaries()) {
            total += s.walBytes() + s.segmentBytes(); // what the check reads, file by file
        }
        long toCheck = total;
        AtomicLong checked = new AtomicLong();
        VerifyReport report;
        try (Progress progress = Progress.start(console, checked::get, () -> toCheck)) {
            report = stores.verify(checked::addAndGet);
        }
        PrintStream out = new PrintStream(console.out(), false, StandardCharsets.UTF_8);
        for (Damage d : report.problems()) {
            out.println(line("damaged", d));
        }
        for (Damage d : report.expected()) {
            out.println(line("expected", d));
        }
        out.println((report.isWhole() ? "whole: " : "DAMAGED: ") + Plural.of(report.files(), "file") + ", "
                + Plural.of(report.events(), "intact event") + ", "
                + Plural.of(report.problems().size(), "damaged range")
                + (report.expected().isEmpty() ? "" : ", " + Plural.of(report.expected().size(), "unfinished record")
                + " of crashed or running writers (expected)"));
        out.flush();
        return report.isWhole() ? ExitCode.OK : ExitCode.DAMAGED;
    }

    private static String line(String what, Damage d) {
        StringBuilder sb = new StringBuilder(what).append(": ");
        SafeText.appendVisible(sb, d.toString(), false);
        return sb.toString();
    }
}
