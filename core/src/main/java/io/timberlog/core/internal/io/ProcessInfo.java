package io.timberlog.core.internal.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Facts about this process, found without anything slow (no DNS lookup for the host name). */
public final class ProcessInfo {
    private ProcessInfo() {
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The kernel's host name, else the environment's, else {@code "localhost"}. */
    public static String hostName() {
        Path kernel = Paths.get("/proc/sys/kernel/hostname");
        try {
            if (Files.isReadable(kernel)) {
                String name = new String(Files.readAllBytes(kernel), StandardCharsets.UTF_8).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through to the environment
        }
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String name = System.getenv(variable);
            if (name != null && !name.trim().isEmpty()) {
                return name.trim();
            }
        }
        return "localhost";
    }
}
