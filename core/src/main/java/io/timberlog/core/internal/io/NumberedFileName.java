package io.timberlog.core.internal.io;

/**
 * File names that carry a number zero-padded to at least 6 digits ({@code wal_000042.wal}), so that
 * {@code ls} order is number order. Built and parsed by hand: {@code String.format} and regular
 * expressions load a few hundred JDK classes (locales, resource bundles) at the application's start.
 */
public final class NumberedFileName {
    private static final int MIN_DIGITS = 6;
    private static final int MAX_DIGITS = 18;
    /** The highest number a name carries: a file with a higher one would have a name that is not listed. */
    public static final long MAX_NUMBER = 999_999_999_999_999_999L;

    private final String prefix;
    private final String suffix;

    public NumberedFileName(String prefix, String suffix) {
        this.prefix = prefix;
        this.suffix = suffix;
    }

    public String format(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("negative file number " + number);
        }
        String digits = Long.toString(number);
        StringBuilder name = new StringBuilder(prefix.length() + MIN_DIGITS + suffix.length()).append(prefix);
        for (int i = digits.length(); i < MIN_DIGITS; i++) {
            name.append('0');
        }
        return name.append(digits).append(suffix).toString();
    }

    /** The number in {@code name}, or -1 when the name is not of this form. */
    public long parse(String name) {
        int digits = name.length() - prefix.length() - suffix.length();
        if (digits < MIN_DIGITS || digits > MAX_DIGITS || !name.startsWith(prefix) || !name.endsWith(suffix)) {
            return -1;
        }
        long number = 0;
        for (int i = prefix.length(); i < prefix.length() + digits; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }
}
