package io.timberlog.core.testing;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded fuzzing loop with a time budget, for the readers of on-disk bytes. Input {@code i} of a target
 * is made from its own {@link Random} seeded with {@code seed + i}, so a failure names the one input
 * that reproduces it whatever the budget was; the budget only decides how many inputs a run gets to.
 *
 * <p>The budget per target is {@value #DEFAULT_MILLIS} ms, or the system property {@value #MILLIS_PROPERTY}
 * (e.g. {@code -Dtimberlog.fuzz.millis=600000} for a long run); {@value #ONLY_PROPERTY}{@code =target:input}
 * runs one input of one target alone.
 */
public final class Fuzz {
    public static final String MILLIS_PROPERTY = "timberlog.fuzz.millis";
    public static final String ONLY_PROPERTY = "timberlog.fuzz.only";
    public static final long DEFAULT_MILLIS = 2_500;

    /** One input of a target: builds it from {@code random} and checks what the reader made of it. */
    public interface Input {
        void run(Random random) throws Exception;
    }

    private Fuzz() {
    }

    /**
     * Runs inputs 0, 1, 2, ... of {@code target} until the budget is spent (at least {@code minInputs});
     * returns how many ran. A failing input is rethrown as an {@link AssertionError} naming the target,
     * seed and input.
     */
    public static long run(String target, long seed, long minInputs, Input input) {
        String only = System.getProperty(ONLY_PROPERTY);
        if (only != null) {
            String[] parts = only.split(":");
            if (parts[0].equals(target)) {
                runOne(target, seed, Long.parseLong(parts[1]), input);
            }
            return 1;
        }
        long deadline = System.nanoTime() + Long.getLong(MILLIS_PROPERTY, DEFAULT_MILLIS) * 1_000_000L;
        long i = 0;
        while (i < minInputs || System.nanoTime() < deadline) {
            runOne(target, seed, i++, input);
        }
        System.out.println("fuzz " + target + ": " + i + " inputs, seed " + seed);
        return i;
    }

    private static void runOne(String target, long seed, long i, Input input) {
        try {
            input.run(new Random(seed + i));
        } catch (Throwable t) {
            throw new AssertionError("fuzz " + target + " failed on input " + i + " of seed " + seed + " (rerun it with -D"
                    + ONLY_PROPERTY + "=" + target + ":" + i + "): " + t, t);
        }
    }

    /**
     * {@code original} damaged the way fuzzers do: flipped bits, bytes set to the values parsers get wrong
     * (0, 0x7F, 0x80, 0xFF), a range copied over another, a range cut out, bytes inserted, the end cut off.
     * One to four such steps; the result may be shorter or longer.
     */
    public static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int steps = 1 + random.nextInt(4);
        for (int s = 0; s < steps; s++) {
            b = step(b, random);
        }
        return b;
    }

    private static final byte[] INTERESTING = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, 0x40, 0x3F};

    private static byte[] step(byte[] b, Random random) {
        if (b.length == 0) {
            byte[] grown = new byte[1 + random.nextInt(16)];
            random.nextBytes(grown);
            return grown;
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(7)) {
            case 0:
                b[at] ^= (byte) (1 << random.nextInt(8));
                return b;
            case 1:
                b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                return b;
            case 2: { // a run of 0xFF or 0x80: varints that never end, lengths that are huge
                byte v = random.nextBoolean() ? (byte) 0xFF : (byte) 0x80;
                Arrays.fill(b, at, Math.min(b.length, at + 1 + random.nextInt(12)), v);
                return b;
            }
            case 3: { // a range copied over another
                int from = random.nextInt(b.length);
                int length = Math.min(1 + random.nextInt(64), Math.min(b.length - from, b.length - at));
                System.arraycopy(b, from, b, at, length);
                return b;
            }
            case 4: { // a range cut out
                int length = Math.min(1 + random.nextInt(32), b.length - at);
                byte[] shorter = new byte[b.length - length];
                System.arraycopy(b, 0, shorter, 0, at);
                System.arraycopy(b, at + length, shorter, at, b.length - at - length);
                return shorter;
            }
            case 5: { // random bytes inserted
                byte[] inserted = new byte[1 + random.nextInt(16)];
                random.nextBytes(inserted);
                byte[] longer = new byte[b.length + inserted.length];
                System.arraycopy(b, 0, longer, 0, at);
                System.arraycopy(inserted, 0, longer, at, inserted.length);
                System.arraycopy(b, at, longer, at + inserted.length, b.length - at);
                return longer;
            }
            default:
                return Arrays.copyOf(b, at);
        }
    }
}
