package io.timberlog.cli;

import io.timberlog.core.StoreOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code timberlog attach PID [OPTION...]}: loads the TimberLog agent into a running JVM, which starts
 * capturing its logback, log4j2 and java.util.logging events without a restart.
 *
 * <p>The agent jar does the attaching itself ({@code java -jar timberlog-agent.jar attach PID OPTIONS}),
 * run here as a child process: the CLI knows nothing of the agent's classes, and the attach needs the
 * {@code jdk.attach} module of a JDK, which that child reports clearly when it is missing.
 */
final class AttachCommand {
    static final String AGENT_JAR = "timberlog-agent.jar";
    private static final String[] DESCRIPTION = {"Loads the TimberLog agent into the running JVM PID: from then on every "
            + "logback, log4j2 and java.util.logging event it emits is captured into a store, with no restart and no "
            + "change to its code or logging configuration. Needs a JDK (the Attach API) and the same user as the "
            + "JVM; JDK 21 and later print a warning in that JVM unless it was started with"
            // on a line of its own: picocli breaks lines after a colon, which would cut the flag in two
            + "%n-XX:+EnableDynamicAgentLoading."};
    private static final String[] EXAMPLES = {
            "  timberlog attach 4242                          store in the default directory",
            "  timberlog attach 4242 dir=/var/log/app/timberlog fsync=always"};

    private final Console console;
    private final long pid;
    private final List<String> options;
    private final Path agentJar;

    private AttachCommand(Console console, CommandSpec parsed) {
        this.console = console;
        pid = Specs.positional(parsed, 0);
        List<String> given = Specs.positional(parsed, 1);
        options = given == null ? List.of() : given;
        agentJar = Specs.value(parsed, "--agent-jar");
    }

    /** The definition of {@code attach}, run on {@code console}. */
    static CommandSpec spec(Console console) {
        CommandSpec spec = Specs.command("attach", parsed -> new AttachCommand(console, parsed).run(), true,
                DESCRIPTION, EXAMPLES);
        spec.addPositional(Specs.positional("0", "PID", long.class, "The process id of a running JVM."));
        spec.addPositional(PositionalParamSpec.builder().index("1..*").arity("0..*").paramLabel("OPTION").type(List.class)
                .auxiliaryTypes(String.class).description("Agent options as NAME=VALUE (the names of the appenders' "
                        + "options: dir, fsync, maxWalSize, ...), as after -javaagent:timberlog-agent.jar=. A relative "
                        + "dir is taken from the current directory, not the JVM's.").build());
        spec.addOption(Specs.option("JAR", Path.class, "The agent jar to load (default: " + AGENT_JAR + " beside the "
                + "timberlog jar).", "--agent-jar").build());
        Specs.addHelpOptions(spec);
        return spec;
    }

    private int run() throws IOException, InterruptedException {
        Path jar = agentJar != null ? agentJar : defaultAgentJar();
        if (!Files.isRegularFile(jar)) {
            throw new UserError("no agent jar at " + jar + " (give one with --agent-jar)");
        }
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString(), "attach", Long.toString(pid)));
        if (!options.isEmpty()) {
            command.add(agentOptions());
        }
        Process attach = new ProcessBuilder(command).start();
        attach.getOutputStream().close();
        Thread errors = new Thread(() -> copy(attach.getErrorStream(), console.err()), "attach-stderr");
        errors.setDaemon(true);
        errors.start();
        copy(attach.getInputStream(), console.out());
        int code = attach.waitFor();
        errors.join();
        return code == 0 ? ExitCode.OK : ExitCode.ERROR;
    }

    /** The options as the agent takes them: comma-separated, a relative dir made absolute here. */
    private String agentOptions() {
        List<String> resolved = new ArrayList<>();
        for (String option : options) {
            for (String part : option.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new UserError("'" + part + "' is not an agent option NAME=VALUE");
                }
                String name = part.substring(0, eq).trim();
                String value = part.substring(eq + 1);
                check(part, name, value);
                String key = key(name);
                if (key.equals("dir") || key.equals("directory")) {
                    value = Paths.get(value).toAbsolutePath().normalize().toString();
                }
                resolved.add(name + "=" + value);
            }
        }
        return String.join(",", resolved);
    }

    /**
     * Refuses an option the agent would refuse: the JVM it is loaded into prints that on its own
     * standard error and runs on without capture, while this command would say it loaded.
     */
    private static void check(String option, String name, String value) {
        boolean known;
        try {
            known = StoreOptions.builder(Paths.get(".")).set(key(name), value);
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid agent option '" + option + "': " + e.getMessage());
        }
        if (!known) {
            throw new UserError("no such agent option: '" + name + "' (the appenders' options: dir, fsync, maxWalSize, ...)");
        }
    }

    /** An option's name as the agent reads it: {@code MAX_WAL_SIZE}, {@code max-wal-size} and {@code maxWalSize} are one. */
    private static String key(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Beside the jar (or the classes directory) this command was loaded from. */
    private static Path defaultAgentJar() {
        try {
            Path location = Paths.get(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toAbsolutePath().getParent().resolve(AGENT_JAR);
        } catch (URISyntaxException | RuntimeException e) {
            return Paths.get(AGENT_JAR);
        }
    }

    private static void copy(InputStream from, OutputStream to) {
        try (from) {
            from.transferTo(to);
            to.flush();
        } catch (IOException e) {
            // our own output is gone (a closed pipe): nothing left to tell anyone; the exit code still says it
        }
    }
}
