package io.timberlog.core.internal.io;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;

/** Facts about this process, found without anything slow (no DNS lookup for the host name). */
public final class ProcessInfo {
    private ProcessInfo() {
    }

    /**
     * This process's id: the target of {@code /proc/self} where there is one (initializing
     * {@code ProcessHandle} costs the application's start ~15 ms), else from {@code ProcessHandle}.
     */
    public static long pid() {
        try {
            Path self = Paths.get("/proc/self");
            if (Files.isSymbolicLink(self)) {
                return Long.parseLong(Files.readSymbolicLink(self).toString());
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through
        }
        return ProcessHandle.current().pid();
    }

    /**
     * A random number that tells this run of a store apart from every other, even one of a process
     * with the same pid started at the same instant (containers). Read from the kernel's random source:
     * creating a {@code SecureRandom} first costs a JVM 35 to 80 ms, a large part of the time an
     * application with the TimberLog agent takes to start. A {@code SecureRandom} only where the kernel
     * has no such source.
     */
    public static long runNonce() {
        Path urandom = Paths.get("/dev/urandom");
        if (Files.isReadable(urandom)) {
            try (InputStream in = Files.newInputStream(urandom)) {
                byte[] bytes = in.readNBytes(Long.BYTES);
                if (bytes.length == Long.BYTES) {
                    return ByteBuffer.wrap(bytes).getLong();
                }
            } catch (java.io.IOException | RuntimeException e) {
                // fall back to the JDK's generator
            }
        }
        return new SecureRandom().nextLong();
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
