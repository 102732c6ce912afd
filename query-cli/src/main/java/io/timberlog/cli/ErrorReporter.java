package io.timberlog.cli;

import io.timberlog.core.NotAStoreException;
import io.timberlog.core.StoreLockedException;
import io.timberlog.core.UnsupportedFormatException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.regex.PatternSyntaxException;

/**
 * The one place that turns a failure into what the user sees: one line on stderr, never a stack trace
 * (unless {@code TIMBERLOG_DEBUG} is set), and exit code 2.
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    private final Console console;

    ErrorReporter(Console console) {
        this.console = console;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        console.err().println("timberlog: " + oneLine(e.getMessage()) + " (see '" + command + " --help')");
        return ExitCode.ERROR;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        report(e);
        return ExitCode.ERROR;
    }

    void report(Throwable e) {
        console.err().println("timberlog: " + oneLine(describe(e)));
        if (console.env("TIMBERLOG_DEBUG") != null) {
            e.printStackTrace(console.err());
        }
    }

    static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) { // from a reading thread it comes wrapped: say what it is
                return "out of memory (" + c.getMessage() + "): give the JVM more with TIMBERLOG_JAVA_OPTS=-Xmx2g";
            }
        }
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (e instanceof CommandLine.ParameterException && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (e instanceof UserError || e instanceof NotAStoreException || e instanceof UnsupportedFormatException
                || e instanceof StoreLockedException || e instanceof IllegalArgumentException && !(e instanceof PatternSyntaxException)) {
            return e.getMessage();
        }
        if (e instanceof PatternSyntaxException) {
            PatternSyntaxException p = (PatternSyntaxException) e;
            return "invalid regular expression '" + p.getPattern() + "': " + p.getDescription();
        }
        if (e instanceof NoSuchFileException) {
            return ((NoSuchFileException) e).getFile() + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return ((AccessDeniedException) e).getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String reason = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
            // a rename: the file in the way is the one to name (manifest.json a directory), not the new one
            return f.getOtherFile() != null ? "cannot replace " + f.getOtherFile() + " with " + f.getFile() + ": " + reason
                    : f.getFile() + ": " + reason;
        }
        if (e instanceof IOException) {
            return "I/O error: " + e.getMessage();
        }
        return "internal error: " + e + " (set TIMBERLOG_DEBUG=1 for the stack trace)";
    }

    /** Data in a message (a path, a flag value) must not break the line or reach the terminal as control codes. */
    private static String oneLine(String s) {
        StringBuilder sb = new StringBuilder();
        io.timberlog.cli.output.SafeText.appendVisible(sb, s == null ? "" : s.trim(), false);
        return sb.toString();
    }
}
