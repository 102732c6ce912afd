package io.timberlog.cli;

import io.timberlog.cli.output.Ansi;
import picocli.CommandLine.Option;

/** Whether to color the output: {@code --color=auto|always|never}, the terminal, and {@code NO_COLOR}. */
final class OutputOptions {
    enum ColorMode { auto, always, never }

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Color the output: auto (when stdout is a terminal and NO_COLOR is not set), always, never.")
    ColorMode color = ColorMode.auto;

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
