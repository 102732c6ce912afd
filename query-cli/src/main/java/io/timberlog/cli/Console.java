package io.timberlog.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * What the commands know about the world they run in: the output streams, whether they are terminals,
 * the environment, the clock and the time zone. Tests make their own.
 */
final class Console {
    /** The names of the zone UTC in the time-zone database whose short name is "UTC". */
    private static final Set<String> UTC_IDS = Set.of("UTC", "Etc/UTC");

    private final OutputStream out;
    private final PrintStream err;
    private final boolean stdoutTerminal;
    private final boolean stderrTerminal;
    private final Map<String, String> env;
    private final Clock clock;
    private final ZoneId zone;

    Console(OutputStream out, PrintStream err, boolean stdoutTerminal, boolean stderrTerminal, Map<String, String> env,
            Clock clock, ZoneId zone) {
        this.out = out;
        this.err = err;
        this.stdoutTerminal = stdoutTerminal;
        this.stderrTerminal = stderrTerminal;
        this.env = env;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * The real one. Whether stdout and stderr are terminals is what the launcher script found with
     * {@code test -t} (system property {@code timberlog.tty}: "out", "err" or "out,err"); started without
     * it, stdout counts as a terminal when the JVM has a console, and stderr as stdout.
     */
    static Console system() {
        String tty = System.getProperty("timberlog.tty");
        boolean out;
        boolean err;
        if (tty != null) {
            out = tty.contains("out");
            err = tty.contains("err");
        } else {
            out = System.console() != null;
            err = out;
        }
        return new Console(new FileOutputStream(FileDescriptor.out),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8), out, err,
                System.getenv(), Clock.systemUTC(), systemZone());
    }

    /**
     * The JVM's default time zone. A UTC one (what servers and containers mostly run in) is made without
     * the JDK's time-zone rules, which it would read for it from its database, a second time after
     * {@link TimeZone#getDefault()}: 5 to 10 ms of a command's start.
     */
    static ZoneId systemZone() {
        TimeZone zone = TimeZone.getDefault();
        return UTC_IDS.contains(zone.getID()) ? ZoneId.ofOffset("UTC", ZoneOffset.UTC) : zone.toZoneId();
    }

    OutputStream out() {
        return out;
    }

    /**
     * Writes {@code text} to stdout in UTF-8 and flushes it. A reader that went away ({@code | head})
     * ends the output quietly, as it does for a query: it has what it wanted.
     *
     * @throws IOException when the output could not be written for another reason (a full disk)
     */
    void print(CharSequence text) throws IOException {
        try {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            if (!readerGone(e)) {
                throw writeFailed(e);
            }
        }
    }

    /**
     * True when a write to stdout failed because its reader went away ({@code | head}): a broken pipe.
     * Other failures (a full disk, a closed stdout) are errors. The message names a broken pipe unless
     * the C library speaks another language; then stdout being a pipe tells.
     */
    boolean readerGone(IOException e) {
        String message = e.getMessage();
        if (message != null && message.contains("Broken pipe")) {
            return true;
        }
        if (!(out instanceof FileOutputStream)) {
            return false;
        }
        try {
            return Files.readSymbolicLink(Paths.get("/proc/self/fd/1")).toString().startsWith("pipe:");
        } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
            return false;
        }
    }

    /**
     * True when stdout is a pipe whose reader went away, told without a write ({@link PipeReaderWatch});
     * false when it cannot be told, and for a console of a test.
     */
    boolean readerGoneNow() {
        return out instanceof FileOutputStream && PipeReaderWatch.readerGone();
    }

    /** The error of a failed write to stdout, for the error line. */
    static IOException writeFailed(IOException e) {
        return new IOException("cannot write to standard output: " + e.getMessage(), e);
    }

    PrintStream err() {
        return err;
    }

    boolean stdoutTerminal() {
        return stdoutTerminal;
    }

    boolean stderrTerminal() {
        return stderrTerminal;
    }

    String env(String name) {
        return env.get(name);
    }

    Clock clock() {
        return clock;
    }

    ZoneId zone() {
        return zone;
    }
}
