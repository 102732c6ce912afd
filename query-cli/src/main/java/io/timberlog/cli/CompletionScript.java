package io.timberlog.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code timberlog generate-completion}: picocli's bash and zsh completion script, taught the default
 * command. picocli's script completes a line that names no command as the top level, whose only
 * options are --help and --version, so {@code timberlog DIR --le<TAB>} offered nothing; such a line
 * is a query, and completes as one.
 */
@CommandLine.Command(name = "generate-completion", mixinStandardHelpOptions = true, helpCommand = true,
        versionProvider = Timberlog.Version.class,
        description = "Prints the bash/zsh completion script of timberlog: source it, or put it in "
                + "/etc/bash_completion.d.")
final class CompletionScript implements Runnable {
    /** Where picocli's script gives up on finding a command (picocli 4.7). */
    static final String TOP_LEVEL = "  # No subcommands were specified; generate completions for the top-level command.\n"
            + "  _picocli_timberlog; return $?;\n";
    /**
     * A query's completion once a word follows {@code timberlog} (the store's directory), or when the
     * word being completed is an option: {@code timberlog --level WARN DIR} is a query too.
     */
    private static final String DEFAULT_COMMAND = "  # No command named: a query, the default command (timberlog DIR [OPTIONS]).\n"
            + "  if [ \"${COMP_CWORD}\" -gt 1 ] || [[ \"${COMP_WORDS[COMP_CWORD]}\" == -* ]]; then\n"
            + "    _picocli_timberlog_query; return $?;\n"
            + "  fi\n"
            + "  _picocli_timberlog; return $?;\n";

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        CommandSpec root = spec.root();
        String script = AutoComplete.bash(root.name(), root.commandLine());
        if (!script.contains(TOP_LEVEL)) {
            throw new IllegalStateException("picocli's completion script has no top-level fallback to replace:"
                    + " was picocli upgraded?");
        }
        spec.commandLine().getOut().print(script.replace(TOP_LEVEL, DEFAULT_COMMAND));
        spec.commandLine().getOut().flush();
    }
}
