package io.timberlog.core;

/**
 * Receives the store's troubles (disk full, permission denied, a failed fsync, a file deleted under
 * the writer), so that an appender can pass them to its framework's status channel. Called from
 * background threads and, rarely, from an appending thread; implementations must be quick and must
 * not log through the framework that feeds the store. Problems of one kind are rate limited.
 */
@FunctionalInterface
public interface ProblemListener {
    /**
     * @param message one line that says what failed and what the store does about it
     * @param cause   the exception, or {@code null}
     */
    void problem(String message, Throwable cause);

    /** A listener that prints one line per problem to standard error. */
    static ProblemListener standardError() {
        return (message, cause) -> System.err.println("TimberLog: " + message
                + (cause == null ? "" : " (" + cause + ")"));
    }
}
