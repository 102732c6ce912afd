package io.timberlog.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code timberlog}: reads TimberLog stores. {@code query} is the default command, so
 * {@code timberlog DIR --level WARN} is {@code timberlog query DIR --level WARN}. The only place that
 * calls {@link System#exit}.
 */
public final class Timberlog {
    private static final String[] DESCRIPTION = {
            "Reads TimberLog stores, also while the application runs and right after it crashed.",
            "The default command is query: 'timberlog DIR' is 'timberlog query DIR'."};
    private static final String[] EXAMPLES = {
            "  timberlog /var/log/app/timberlog -n 50     the last 50 events",
            "  timberlog query DIR --run -1 --level WARN  warnings of the run that crashed",
            "  timberlog query DIR -f                     follow new events",
            "  timberlog runs DIR                         every run, and how it ended",
            "  timberlog stats DIR --since 1h             what happened in the last hour",
            "  timberlog verify DIR                       check every checksum",
            "  timberlog attach PID dir=DIR               capture a running JVM's logs",
            "",
            "Exit status: 0 when something matched, 1 when nothing did, 2 on an error."};
    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");
    /** The commands, in the order help lists them. A command line that names one gets only that one. */
    private static final Map<String, Function<Console, CommandSpec>> COMMANDS = new LinkedHashMap<>();
    /** The commands that need every other one: help, and the completion script. */
    private static final Map<String, Supplier<Object>> WHOLE_TREE_COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("query", QueryCommand::spec);
        COMMANDS.put("runs", RunsCommand::spec);
        COMMANDS.put("stats", StatsCommand::spec);
        COMMANDS.put("verify", VerifyCommand::spec);
        COMMANDS.put("compact", CompactCommand::spec);
        COMMANDS.put("attach", AttachCommand::spec);
        WHOLE_TREE_COMMANDS.put("help", CommandLine.HelpCommand::new);
        WHOLE_TREE_COMMANDS.put("generate-completion", CompletionScript::new);
    }

    private Timberlog() {
    }

    public static void main(String[] args) {
        System.exit(execute(Console.system(), args));
    }

    /** Runs a command line and returns its exit code. */
    static int execute(Console console, String... args) {
        try {
            String[] command = withDefaultCommand(args);
            return commandLine(console, command.length == 0 ? null : command[0]).execute(command);
        } catch (RuntimeException | Error e) {
            new ErrorReporter(console).report(e);
            return ExitCode.ERROR;
        }
    }

    /** Every command: for help, the completion script and the man page. */
    static CommandLine commandLine(Console console) {
        return commandLine(console, null);
    }

    /** The command line with only the command {@code name}, or with every command when that names none. */
    private static CommandLine commandLine(Console console, String name) {
        ErrorReporter errors = new ErrorReporter(console);
        CommandSpec root = Specs.command("timberlog", parsed -> usage(console), true, DESCRIPTION, EXAMPLES);
        Specs.addHelpOptions(root);
        CommandLine cl = new CommandLine(root);
        if (COMMANDS.containsKey(name)) {
            cl.addSubcommand(COMMANDS.get(name).apply(console));
        } else {
            COMMANDS.forEach((command, spec) -> cl.addSubcommand(command, spec.apply(console)));
            WHOLE_TREE_COMMANDS.forEach((command, object) -> cl.addSubcommand(command, object.get()));
        }
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(new OutputStreamWriter(console.out(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(console.err(), StandardCharsets.UTF_8), true));
        return cl;
    }

    /** {@code timberlog} alone: the usage, on stderr, as a mistake. */
    private static int usage(Console console) {
        commandLine(console).usage(console.err());
        return ExitCode.ERROR;
    }

    /** Puts {@code query} in front of a command line that does not start with a command. */
    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0 || COMMANDS.containsKey(args[0]) || WHOLE_TREE_COMMANDS.containsKey(args[0])
                || TOP_LEVEL_OPTIONS.contains(args[0])) {
            return args;
        }
        String[] withQuery = new String[args.length + 1];
        withQuery[0] = "query";
        System.arraycopy(args, 0, withQuery, 1, args.length);
        return withQuery;
    }

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Timberlog.class.getPackage().getImplementationVersion();
            return new String[] {"timberlog " + (v == null ? "(development build)" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
