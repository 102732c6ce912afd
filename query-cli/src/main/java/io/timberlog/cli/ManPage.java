package io.timberlog.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the man page {@code timberlog.1} (troff) from the picocli definitions of the commands, so that
 * it says what {@code --help} says. Run by the build: {@code ManPage OUTPUT_DIR}.
 */
public final class ManPage {
    /** An example of --help: the command line, two spaces or more, and what it does. */
    private static final Pattern EXAMPLE = Pattern.compile("(timberlog .*?\\S) {2,}(\\S.*)");

    private ManPage() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        Files.createDirectories(dir);
        Files.write(dir.resolve("timberlog.1"), render(Timberlog.commandLine(Console.system())).getBytes(StandardCharsets.UTF_8));
    }

    static String render(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        StringBuilder sb = new StringBuilder();
        String version = new Timberlog.Version().getVersion()[0];
        sb.append(".TH TIMBERLOG 1 \"\" \"").append(escape(version)).append("\" \"User Commands\"\n");
        sb.append(".nh\n"); // no hyphens: options, paths and commands are copied, not read aloud
        sb.append(".SH NAME\ntimberlog \\- read, follow, summarize and verify TimberLog stores\n");
        sb.append(".SH SYNOPSIS\n.B timberlog\n[\\fICOMMAND\\fR] \\fIDIR\\fR [\\fIOPTIONS\\fR]\n.br\n"
                + ".B timberlog attach\n\\fIPID\\fR [\\fIOPTION\\fR...]\n.br\n"
                + ".B timberlog generate\\-completion\n.br\n.B timberlog help\n[\\fICOMMAND\\fR]\n");
        sb.append(".SH DESCRIPTION\n");
        paragraphs(sb, spec.usageMessage().description());
        options(sb, spec.options());
        sb.append(".SH COMMANDS\n");
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (s.usageMessage().hidden() || s.name().equals("help") || s.name().equals("generate-completion")) {
                continue;
            }
            sb.append(".SS \"timberlog ").append(escape(s.name()));
            for (PositionalParamSpec p : s.positionalParameters()) {
                sb.append(' ').append(escape(synopsis(p)));
            }
            sb.append(" [OPTIONS]\"\n");
            paragraphs(sb, s.usageMessage().description());
            for (PositionalParamSpec p : s.positionalParameters()) {
                sb.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n");
                formattedParagraphs(sb, p.description());
            }
            options(sb, s.options());
            String[] footer = s.usageMessage().footer();
            if (footer.length > 0) {
                examples(sb, footer);
            }
        }
        sb.append(".SH EXIT STATUS\n0 when an event matched (query), was counted (stats), or all is well; 1 "
                + "when nothing matched, (stats) the filters left no event, or (verify) the store is damaged; 2 on an error: a bad option, date or path, a directory that is "
                + "not a store, a store written by a newer version.\n");
        sb.append(".SH ENVIRONMENT\n.TP\n\\fBNO_COLOR\\fR\nWhen set and not empty, no colors unless "
                + "\\fB\\-\\-color=always\\fR.\n.TP\n\\fBTZ\\fR\nThe time zone of the times printed, and of those given "
                + "without an offset (\\fB\\-\\-since 10:00\\fR), unless \\fB\\-\\-utc\\fR.\n"
                + ".TP\n\\fBJAVA_HOME\\fR\nThe Java runtime the launcher uses.\n"
                + ".TP\n\\fBTIMBERLOG_JAVA_OPTS\\fR\nMore JVM options, split at spaces (e.g. \\fB\\-Xmx2g\\fR).\n"
                + ".TP\n\\fBXDG_CACHE_HOME\\fR, \\fBHOME\\fR\nWhere the launcher keeps a class data sharing archive "
                + "for a Java other than the build's: \\fI$XDG_CACHE_HOME/timberlog\\fR, else \\fI~/.cache/timberlog\\fR.\n"
                + ".TP\n\\fBTIMBERLOG_DEBUG\\fR\nWhen set, errors are followed by their stack trace.\n");
        return sb.toString();
    }

    /**
     * The examples of a command's help, as man pages show them: each command line in bold on a line of
     * its own, what it does indented below it. (Side by side, as --help has them, the longer ones ran
     * past 80 columns behind the man page's margin.) Lines that are no example are paragraphs.
     */
    private static void examples(StringBuilder sb, String[] footer) {
        sb.append(".PP\nExamples:\n");
        for (String line : footer) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("timberlog ")) {
                Matcher m = EXAMPLE.matcher(text);
                String command = m.matches() ? m.group(1) : text;
                // unpaddable spaces: the command is never filled or broken across lines
                sb.append(".TP\n\\fB").append(escape(command).replace(" ", "\\ ")).append("\\fR\n");
                if (m.matches()) {
                    sb.append(escape(m.group(2))).append('\n');
                }
            } else if (line.startsWith(" ")) { // what the command above does, on a line of its own
                sb.append(escape(text)).append('\n');
            } else {
                sb.append(".PP\n").append(escape(text)).append('\n');
            }
        }
    }

    /** A parameter as the synopsis shows it, as --help does: {@code PID}, {@code [OPTION...]}. */
    private static String synopsis(PositionalParamSpec p) {
        String label = p.arity().max() > 1 ? p.paramLabel() + "..." : p.paramLabel();
        return p.arity().min() == 0 ? "[" + label + "]" : label;
    }

    private static void options(StringBuilder sb, List<OptionSpec> options) {
        for (OptionSpec o : options) {
            if (o.hidden()) {
                continue;
            }
            sb.append(".TP\n");
            String[] names = o.names();
            for (int i = 0; i < names.length; i++) {
                sb.append(i > 0 ? ", " : "").append("\\fB").append(escape(names[i])).append("\\fR");
            }
            if (o.arity().max() > 0) {
                sb.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
            }
            sb.append('\n');
            formattedParagraphs(sb, o.description());
        }
    }

    /** A command's description: picocli's format strings, as written. */
    private static void paragraphs(StringBuilder sb, String[] lines) {
        for (String line : lines) {
            sb.append(escape(line)).append('\n');
        }
    }

    /**
     * An option's or parameter's description, which picocli hands out formatted: %n already a line
     * break, %% a percent sign. Each line goes to troff unindented, as --help indents it would be a break.
     */
    private static void formattedParagraphs(StringBuilder sb, String[] lines) {
        for (String line : lines) {
            for (String piece : line.split("\\R")) {
                sb.append(troff(piece.stripLeading())).append('\n');
            }
        }
    }

    /** A format string of picocli's made safe for troff: %n a space (troff fills lines), %% a percent sign. */
    static String escape(String s) {
        return troff(s.replace("%%", "\u0000").replace("%n", " ").replace("\u0000", "%"));
    }

    /** Text safe for troff: backslashes and hyphens escaped, no line starting with a control character. */
    private static String troff(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
