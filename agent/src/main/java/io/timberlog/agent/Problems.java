package io.timberlog.agent;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * The agent's only channel to the outside: one line on standard error per kind of problem, the first
 * time it happens. An agent has no configuration of the application's to report through, and a
 * problem that happens once per event must not flood the application's output. Thread-safe.
 */
final class Problems {
    static final String PREFIX = "TimberLog agent: ";

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private Problems() {
    }

    /** Prints {@code message} unless a problem of this {@code kind} was printed before. */
    static void once(String kind, String message) {
        if (REPORTED.add(kind)) {
            print(message);
        }
    }

    static void print(String message) {
        System.err.println(PREFIX + message);
    }
}
