package io.timberlog.cli;

/** A count with its noun, in the singular for one: {@code 1 error}, {@code 2 errors}. */
final class Plural {
    private Plural() {
    }

    /** {@code n} and {@code noun}, with an {@code s} unless {@code n} is 1. */
    static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
