package io.timberlog.examples.logback;

/** The payment provider refused or did not answer. */
final class PaymentDeclinedException extends Exception {
    private static final long serialVersionUID = 1L;

    PaymentDeclinedException(String message, Throwable cause) {
        super(message, cause);
    }
}
