package io.timberlog.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Builds the commands' picocli definitions with its programmatic API, and reads the values parsed into
 * them. Not with picocli's annotations: on a cold JVM those cost about 40 ms before a command starts
 * (the JDK defines a proxy class per annotation type, and picocli reflects over every field), a third of
 * a query that finds one event. Help, the man page and the completion script come from these
 * definitions as they came from the annotations.
 */
final class Specs {
    private static final String EXAMPLES_HEADING = "%nExamples:%n";

    private Specs() {
    }

    /** What a command does with the values parsed into its definition. */
    @FunctionalInterface
    interface Body {
        /** Runs the command; returns its exit code ({@link ExitCode}). */
        int run(CommandSpec parsed) throws Exception;
    }

    /**
     * A command that runs {@code body}, with the examples as the footer of its help. Options are listed
     * in the order they are added unless {@code sortOptions}; add {@link #addHelpOptions} last.
     */
    static CommandSpec command(String name, Body body, boolean sortOptions, String[] description,
                               String... examples) {
        Execution execution = new Execution(body);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(execution).name(name)
                .versionProvider(new Timberlog.Version());
        execution.spec = spec;
        spec.usageMessage().sortOptions(sortOptions).description(description);
        if (examples.length > 0) {
            spec.usageMessage().footerHeading(EXAMPLES_HEADING).footer(examples);
        }
        return spec;
    }

    /** What picocli calls when it runs a command: the body, on the command's definition. */
    private static final class Execution implements Callable<Integer> {
        private final Body body;
        private CommandSpec spec;

        Execution(Body body) {
            this.body = body;
        }

        @Override
        public Integer call() throws Exception {
            return body.run(spec);
        }
    }

    /** The standard help options, last in the help as picocli puts them; add after the command's own. */
    static void addHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /** An option without a value: true when given. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).description(description).build();
    }

    /** An option with one value of {@code type}, the last one given counting. */
    static OptionSpec.Builder option(String paramLabel, Class<?> type, String description, String... names) {
        return OptionSpec.builder(names).paramLabel(paramLabel).type(type).description(description);
    }

    /** An option that may be given several times, each with one value. */
    static OptionSpec repeatable(String paramLabel, String description, String... names) {
        return OptionSpec.builder(names).paramLabel(paramLabel).type(List.class).auxiliaryTypes(String.class)
                .description(description).build();
    }

    /** A positional parameter that must be given. */
    static PositionalParamSpec positional(String index, String paramLabel, Class<?> type, String description) {
        return PositionalParamSpec.builder().index(index).paramLabel(paramLabel).type(type).required(true)
                .description(description).build();
    }

    /**
     * The positional parameter DIR of the commands that read stores. An empty one is refused: as a path
     * it would be the current directory, which the user did not name.
     */
    static PositionalParamSpec storeDirectory(String description) {
        return PositionalParamSpec.builder().index("0").paramLabel("DIR").type(Path.class).required(true)
                .description(description).converters(dir -> {
                    if (dir.isEmpty()) {
                        throw new CommandLine.TypeConversionException("DIR is empty");
                    }
                    return Paths.get(dir);
                }).build();
    }

    /** The parsed value of option {@code name} (its default when not given; {@code null} when it has none). */
    @SuppressWarnings("unchecked")
    static <T> T value(CommandSpec spec, String name) {
        return (T) spec.findOption(name).getValue();
    }

    static boolean isSet(CommandSpec spec, String name) {
        return Boolean.TRUE.equals(spec.findOption(name).getValue());
    }

    /** The values of a {@link #repeatable} option, in the order given; empty when not given. */
    static List<String> values(CommandSpec spec, String name) {
        List<String> values = value(spec, name);
        return values == null ? List.of() : values;
    }

    @SuppressWarnings("unchecked")
    static <T> T positional(CommandSpec spec, int index) {
        return (T) spec.positionalParameters().get(index).getValue();
    }
}
