package dev.tollgate.gate;

/**
 * The answer to one spend of credits ({@link Credits#spend(String, String, long)}, or a {@code credits:n} rule).
 * A repeated key gets the first answer again, with {@link #repeat()} set, as Stripe marks a replayed idempotent
 * request: the same outcome and amount, even when the balance has changed since.
 *
 * @param outcome whether the credits were taken
 * @param amount  the credits asked for by the first spend under this key
 * @param repeat  {@code true} when this key was spent before and nothing was done now
 */
public record Spend(Outcome outcome, long amount, boolean repeat) {

    /** What became of a spend. */
    public enum Outcome {
        /** The credits were taken from the balance (once, whatever repeats). */
        CHARGED,
        /** The balance did not cover the amount; nothing was taken. */
        INSUFFICIENT
    }

    /** Whether the credits were taken, now or by the first spend under this key. */
    public boolean isCharged() {
        return outcome == Outcome.CHARGED;
    }
}
