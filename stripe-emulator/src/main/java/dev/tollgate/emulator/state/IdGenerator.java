package dev.tollgate.emulator.state;

import java.util.Random;

/**
 * Stripe-looking ids ({@code cus_…}, {@code sub_…}). A fixed seed makes a run's ids repeatable, which the
 * fault-injection tests of a later issue rely on.
 */
public final class IdGenerator {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int LENGTH = 24;

    private final Random random;

    public IdGenerator(long seed) {
        this.random = new Random(seed);
    }

    public synchronized String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append('_');
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
