package io.timberlog.cli;

import io.timberlog.cli.output.SafeText;
import io.timberlog.core.Damage;
import io.timberlog.core.query.StoreSet;
import io.timberlog.core.query.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code timberlog verify DIR}: checks every checksum and reference. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Reads every file of the store(s) in DIR, checks every checksum and reference, and lists "
                + "the damaged ranges. Exit status 0 only when the store is whole, 1 when something is damaged, "
                + "2 on an error.",
                "Room a writer reserved but never filled at the end of a run that crashed (or still runs) held "
                        + "no acknowledged event: it is listed as expected and is not damage."},
        footerHeading = "%nExamples:%n",
        footer = {"  timberlog verify /var/log/app/timberlog && echo whole"})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    Timberlog parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "A store directory, or a directory that holds stores.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        VerifyReport report = StoreSet.open(dir).verify();
        PrintStream out = new PrintStream(parent.console().out(), false, StandardCharsets.UTF_8);
        for (Damage d : report.problems()) {
            out.println(line("damaged", d));
        }
        for (Damage d : report.expected()) {
            out.println(line("expected", d));
        }
        out.println((report.isWhole() ? "whole: " : "DAMAGED: ") + report.files() + " files, " + report.events()
                + " intact events, " + report.problems().size() + " damaged ranges"
                + (report.expected().isEmpty() ? "" : ", " + report.expected().size()
                + " unfinished records of crashed or running writers (expected)"));
        out.flush();
        return report.isWhole() ? ExitCode.OK : ExitCode.DAMAGED;
    }

    private static String line(String what, Damage d) {
        StringBuilder sb = new StringBuilder(what).append(": ");
        SafeText.appendVisible(sb, d.toString(), false);
        return sb.toString();
    }
}
