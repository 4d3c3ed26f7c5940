package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Units a plan includes per window of its subscription: {@code plan.pro.allowance.credits=500/period} (the
 * subscription's billing period) or {@code plan.pro.allowance.reports=500/month} (a window of its own inside the
 * billing period). They go into the same ledger as bought credits, in their own unit; spends take them first, and what
 * is left of a window's allowance when the next window starts (or the subscription ends) expires, so an allowance never
 * piles up.
 *
 * <p>Windows are anchored on the start of the subscription's current billing period: window {@code k} starts
 * {@code k} days, weeks, months or years after it (in UTC), and the last one ends with the period. A month after
 * 31 January is the last day of February, and the window after that starts on 31 March again (each window is counted
 * from the anchor, not from the window before), as Stripe bills a subscription anchored on the 31st.
 *
 * @param unit   what the allowance is counted in: {@value #CREDITS} (the gate's {@code credits:n} rules) or an
 *               app's own unit ({@code reports}), a balance of its own
 * @param amount how many units each window includes
 * @param every  the window: the billing period, or a day, week, month or year inside it
 */
public record Allowance(String unit, long amount, Every every) {

    /** The unit of credit packs and of {@code credits:n} rules. */
    public static final String CREDITS = "credits";
    /** The ledger's reason for a window's allowance. */
    public static final String GRANTED = "allowance";
    /** The ledger's reason for what was left of a window's allowance when it ended. */
    public static final String EXPIRED = "allowance_expired";

    private static final Pattern UNIT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final String GRANT_KEY = "allowance:";
    private static final String EXPIRY_KEY = "allowance-expiry:";

    /** How often an allowance is granted anew. */
    public enum Every {
        /** The subscription's own billing period: granted when it starts or renews. */
        PERIOD(null),
        DAY(ChronoUnit.DAYS),
        WEEK(ChronoUnit.WEEKS),
        MONTH(ChronoUnit.MONTHS),
        YEAR(ChronoUnit.YEARS);

        private final ChronoUnit step;

        Every(ChronoUnit step) {
            this.step = step;
        }

        /** The name written after the slash: {@code period}, {@code day}, {@code week}, {@code month}, {@code year}. */
        public String written() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String legalValues() {
            return Arrays.stream(values()).map(Every::written).collect(Collectors.joining("|"));
        }
    }

    public Allowance {
        if (!isUnitName(unit)) {
            throw new IllegalArgumentException("an allowance's unit is a lower-case name (a-z, 0-9, _; at most 40),"
                    + " not '" + unit + "'");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("an allowance includes a positive number of " + unit + ", not " + amount);
        }
        if (every == null) {
            throw new IllegalArgumentException("an allowance needs its window");
        }
    }

    /** {@code credits} credits every billing period. */
    public Allowance(long credits) {
        this(CREDITS, credits, Every.PERIOD);
    }

    /** Whether {@code name} can name a unit: lower-case letters, digits and {@code _}, a letter first, at most 40. */
    public static boolean isUnitName(String name) {
        return name != null && UNIT_NAME.matcher(name).matches();
    }

    /**
     * Reads {@code <amount>/<period|day|week|month|year>} in {@code unit}.
     *
     * @throws IllegalArgumentException naming {@code what} and the form expected
     */
    public static Allowance parse(String unit, String value, String what) {
        if (!isUnitName(unit)) {
            throw new IllegalArgumentException("'" + what + "': an allowance's unit is a lower-case name (a-z, 0-9,"
                    + " _; a letter first; at most 40), got '" + unit + "'");
        }
        String[] parts = value.trim().split("/", -1);
        if (parts.length == 2) {
            Optional<Every> every = Arrays.stream(Every.values())
                    .filter(candidate -> candidate.written().equals(parts[1].trim())).findFirst();
            try {
                long amount = Long.parseLong(parts[0].trim());
                if (amount > 0 && every.isPresent()) {
                    return new Allowance(unit, amount, every.get());
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        throw new IllegalArgumentException("'" + what + "' needs <amount>/<" + Every.legalValues() + "> (a positive"
                + " whole number of " + unit + " per billing period of the subscription, or per day, week, month or"
                + " year of it), got '" + value + "'");
    }

    /** Whether this allowance follows the billing period (granted by the subscription's own renewals). */
    public boolean followsBillingPeriod() {
        return every == Every.PERIOD;
    }

    /**
     * The start of the window that holds {@code now}, in the billing period from {@code periodStart} to
     * {@code periodEnd} (null: open): the period's start for {@link Every#PERIOD} and before the period started;
     * never a window starting at or after the period's end (a renewal not yet recorded keeps the last window).
     */
    public Instant windowStart(Instant periodStart, Instant periodEnd, Instant now) {
        if (followsBillingPeriod() || !now.isAfter(periodStart)) {
            return periodStart;
        }
        ZonedDateTime anchor = periodStart.atZone(ZoneOffset.UTC);
        long window = every.step.between(anchor, now.atZone(ZoneOffset.UTC));
        while (startOf(anchor, window + 1).compareTo(now) <= 0) {
            window++; // between() counts whole steps; a clamped month end may already have started the next one
        }
        while (window > 0 && (startOf(anchor, window).isAfter(now) || !startsInside(startOf(anchor, window), periodEnd))) {
            window--;
        }
        return startOf(anchor, window);
    }

    /**
     * The start of the window after the one starting at {@code windowStart}, if it starts before the period ends;
     * empty for {@link Every#PERIOD} (the renewal starts the next one) and for the period's last window.
     */
    public Optional<Instant> nextWindowStart(Instant periodStart, Instant periodEnd, Instant windowStart) {
        if (followsBillingPeriod()) {
            return Optional.empty();
        }
        ZonedDateTime anchor = periodStart.atZone(ZoneOffset.UTC);
        long window = Math.max(0, every.step.between(anchor, windowStart.atZone(ZoneOffset.UTC)));
        while (!startOf(anchor, window).isAfter(windowStart)) {
            window++;
        }
        Instant next = startOf(anchor, window);
        return startsInside(next, periodEnd) ? Optional.of(next) : Optional.empty();
    }

    private Instant startOf(ZonedDateTime anchor, long window) {
        return anchor.plus(window, every.step).toInstant();
    }

    private static boolean startsInside(Instant windowStart, Instant periodEnd) {
        return periodEnd == null || windowStart.isBefore(periodEnd);
    }

    /**
     * The ledger key of the allowance of the window starting at {@code windowStart}: one per window and unit.
     * Credits keep the key they always had ({@code allowance:<subscription>:<start>}).
     */
    public String grantKey(String subscriptionId, Instant windowStart) {
        return grantKeyPrefix(subscriptionId) + windowStart.getEpochSecond();
    }

    /** What every grant key of this unit of the subscription starts with. */
    public String grantKeyPrefix(String subscriptionId) {
        return GRANT_KEY + subscriptionId + ":" + (CREDITS.equals(unit) ? "" : unit + ":");
    }

    /** The ledger key that expires what was left of the grant under {@code grantKey}: one per grant. */
    public static String expiryKey(String grantKey) {
        return EXPIRY_KEY + grantKey.substring(GRANT_KEY.length());
    }

    /** The start of the window a grant key was made for; empty for a key that is no grant key. */
    public static Optional<Instant> windowStartOf(String grantKey) {
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
     * What is left of a grant: spends take allowance before bought units, so the grant less what was spent since
     * it, never more than the balance (a refund or a manual correction may have taken some) nor below zero.
     *
     * @param granted    the units the grant added
     * @param spentSince units of the same kind spent after the grant (a positive number)
     * @param balance    the user's balance of that unit now
     */
    public static long unused(long granted, long spentSince, long balance) {
        return Math.max(0, Math.min(balance, granted - spentSince));
    }
}
