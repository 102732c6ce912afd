package io.timberlog.cli;

import io.timberlog.cli.output.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/** Whether to color the output: {@code --color=auto|always|never}, the terminal, and {@code NO_COLOR}. */
final class OutputOptions {
    enum ColorMode { auto, always, never }

    private final ColorMode color;

    /** The value parsed into the option {@link #addTo} added to {@code spec}. */
    OutputOptions(CommandSpec spec) {
        color = Specs.value(spec, "--color");
    }

    static void addTo(CommandSpec spec) {
        spec.addOption(Specs.option("WHEN", ColorMode.class, "Color the output: auto (when stdout is a terminal and "
                + "NO_COLOR is not set), always, never.", "--color").defaultValue("auto").build());
    }

    Ansi ansi(Console console) {
        switch (color) {
            case always:
                return Ansi.ON;
            case never:
                return Ansi.OFF;
            default:
                String noColor = console.env("NO_COLOR");
                boolean dumb = "dumb".equals(console.env("TERM"));
                return console.stdoutTerminal() && (noColor == null || noColor.isEmpty()) && !dumb ? Ansi.ON : Ansi.OFF;
        }
    }
}
