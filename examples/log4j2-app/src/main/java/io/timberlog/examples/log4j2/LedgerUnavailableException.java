package io.timberlog.examples.log4j2;

/** The ledger could not be reached. */
final class LedgerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
