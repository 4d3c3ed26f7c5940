package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Credits a plan includes every billing period of its subscription ({@code plan.pro.allowance.credits=500/period}).
 * They go into the same ledger and balance as bought credits; spends take them first, and what is left of a
 * period's allowance when the next period starts (or the subscription ends) expires, so an allowance never piles up.
 */
public record Allowance(long credits) {

    /** The only unit so far: allowances are paid out as the gate's {@code credits}. */
    public static final String UNIT = "credits";
    /** The only reset so far: the subscription's own billing period. */
    public static final String PER_PERIOD = "period";
    /** The ledger's reason for a period's allowance. */
    public static final String GRANTED = "allowance";
    /** The ledger's reason for what was left of a period's allowance when it ended. */
    public static final String EXPIRED = "allowance_expired";

    private static final String GRANT_KEY = "allowance:";
    private static final String EXPIRY_KEY = "allowance-expiry:";

    public Allowance {
        if (credits <= 0) {
            throw new IllegalArgumentException("an allowance includes a positive number of credits, not " + credits);
        }
    }

    /**
     * Reads {@code <credits>/period}.
     *
     * @throws IllegalArgumentException naming {@code what} and the form expected
     */
    public static Allowance parse(String value, String what) {
        String[] parts = value.trim().split("/", -1);
        if (parts.length == 2 && PER_PERIOD.equals(parts[1].trim())) {
            try {
                long credits = Long.parseLong(parts[0].trim());
                if (credits > 0) {
                    return new Allowance(credits);
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        throw new IllegalArgumentException("'" + what + "' needs <credits>/" + PER_PERIOD
                + " (a positive whole number of credits per billing period of the subscription), got '" + value + "'");
    }

    /** The ledger key of the allowance of the subscription's period starting at {@code periodStart}: one per period. */
    public static String grantKey(String subscriptionId, Instant periodStart) {
        return grantKeyPrefix(subscriptionId) + periodStart.getEpochSecond();
    }

    /** What every grant key of the subscription starts with. */
    public static String grantKeyPrefix(String subscriptionId) {
        return GRANT_KEY + subscriptionId + ":";
    }

    /** The ledger key that expires what was left of the grant under {@code grantKey}: one per grant. */
    public static String expiryKey(String grantKey) {
        return EXPIRY_KEY + grantKey.substring(GRANT_KEY.length());
    }

    /** The start of the period a grant key was made for; empty for a key that is no grant key. */
    public static Optional<Instant> periodStartOf(String grantKey) {
        int colon = grantKey.lastIndexOf(':');
        if (!grantKey.startsWith(GRANT_KEY) || colon < GRANT_KEY.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(grantKey.substring(colon + 1))));
        } catch (NumberFormatException notAGrantKey) {
            return Optional.empty();
        }
    }

    /**
     * What is left of a grant: spends take allowance before bought credits, so the grant less what was spent since
     * it, never more than the balance (a refund or a manual correction may have taken credits) nor below zero.
     *
     * @param granted    the credits the grant added
     * @param spentSince credits spent after the grant (a positive number)
     * @param balance    the user's balance now
     */
    public static long unused(long granted, long spentSince, long balance) {
        return Math.max(0, Math.min(balance, granted - spentSince));
    }
}
