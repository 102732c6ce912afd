package io.timberlog.bench.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times whole processes, start-up included: each command is a bash command line, run with its
 * output piped into {@code wc -l} (GNU grep writing to /dev/null would stop at the first match).
 * Commands given together run alternately, so a change in the machine's load touches them alike.
 */
public final class ProcessTimer {
    private static final long TIMEOUT_MINUTES = 10;

    private ProcessTimer() {
    }

    /** The median wall time in milliseconds of each command over {@code runs} alternating runs. */
    public static double[] medianMillis(int runs, String... commands) throws IOException, InterruptedException {
        List<double[]> times = new ArrayList<>();
        for (String ignored : commands) {
            times.add(new double[runs]);
        }
        for (String command : commands) {
            time(command); // once untimed: the file in the page cache, the JVM's jars too
        }
        for (int r = 0; r < runs; r++) {
            for (int c = 0; c < commands.length; c++) {
                times.get(c)[r] = time(commands[c]);
            }
        }
        double[] medians = new double[commands.length];
        for (int c = 0; c < commands.length; c++) {
            double[] t = times.get(c);
            Arrays.sort(t);
            medians[c] = runs % 2 == 1 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
        }
        return medians;
    }

    private static double time(String command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command + " | wc -l")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("'" + command + "' took more than " + TIMEOUT_MINUTES + " minutes");
        }
        long end = System.nanoTime();
        // 0: found something, 1: found nothing (grep and timberlog alike); anything else is an error.
        if (p.exitValue() > 1) {
            throw new IOException("'" + command + "' failed with exit code " + p.exitValue());
        }
        return (end - start) / 1e6;
    }

    /** {@code s} quoted for bash. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
