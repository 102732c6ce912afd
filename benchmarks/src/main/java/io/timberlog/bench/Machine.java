package io.timberlog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on: processor, cores, memory, JVM, and how busy the machine was. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory() + "; "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "; "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpu() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name", "unknown processor");
    }

    private static String memory() {
        String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal", null);
        if (kb == null) {
            return "unknown memory";
        }
        return Math.round(Long.parseLong(kb.replace("kB", "").trim()) / 1024.0 / 1024.0) + " GiB";
    }

    private static String firstValue(Path file, String key, String fallback) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: say so below
        }
        return fallback;
    }
}
