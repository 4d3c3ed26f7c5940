package dev.tollgate.emulator.delivery;

import java.time.Duration;
import dev.tollgate.emulator.state.FaultSpec;
import java.util.Locale;

/**
 * Hostile webhook delivery, decided per delivery by a random generator seeded with {@code seed}: the same seed
 * and the same events give the same deliveries in the same order. Shares are probabilities from 0 to 1.
 *
 * @param seed seeds every decision
 * @param drop share of deliveries never sent (recorded as failed, so {@code delivery_success=false} finds them)
 * @param duplicate share sent twice: the same event id, each signed afresh
 * @param reorderWindow deliveries are shuffled within groups of this many (0 or 1: in order)
 * @param delayShare share of deliveries held back by {@code delay}
 * @param delay how long a delayed delivery waits
 * @param wrongSecret share whose first attempt is signed with a wrong secret (the retries use the right one)
 * @param twinEvents share of changes recorded as two Event objects (same data, another event id)
 * @param livemode share of deliveries whose payload says {@code livemode: true}
 */
public record FaultPlan(long seed, double drop, double duplicate, int reorderWindow, double delayShare,
        Duration delay, double wrongSecret, double twinEvents, double livemode) {

    /** Faithful delivery: nothing dropped, duplicated, reordered, delayed or mis-signed. */
    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, 0, Duration.ZERO, 0, 0, 0);

    public FaultPlan {
        for (double share : new double[] {drop, duplicate, delayShare, wrongSecret, twinEvents, livemode}) {
            if (share < 0 || share > 1 || Double.isNaN(share)) {
                throw new IllegalArgumentException("a fault share is between 0 and 1, not " + share);
            }
        }
        if (reorderWindow < 0 || delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("reorder window and delay must not be negative");
        }
    }

    public static FaultPlan seeded(long seed) {
        return NONE.withSeed(seed);
    }

    public FaultPlan withSeed(long value) {
        return new FaultPlan(value, drop, duplicate, reorderWindow, delayShare, delay, wrongSecret, twinEvents,
                livemode);
    }

    public FaultPlan dropping(double share) {
        return new FaultPlan(seed, share, duplicate, reorderWindow, delayShare, delay, wrongSecret, twinEvents,
                livemode);
    }

    public FaultPlan duplicating(double share) {
        return new FaultPlan(seed, drop, share, reorderWindow, delayShare, delay, wrongSecret, twinEvents, livemode);
    }

    public FaultPlan reorderingWithin(int window) {
        return new FaultPlan(seed, drop, duplicate, window, delayShare, delay, wrongSecret, twinEvents, livemode);
    }

    public FaultPlan delaying(double share, Duration by) {
        return new FaultPlan(seed, drop, duplicate, reorderWindow, share, by, wrongSecret, twinEvents, livemode);
    }

    public FaultPlan signingWithWrongSecret(double share) {
        return new FaultPlan(seed, drop, duplicate, reorderWindow, delayShare, delay, share, twinEvents, livemode);
    }

    public FaultPlan twinningEvents(double share) {
        return new FaultPlan(seed, drop, duplicate, reorderWindow, delayShare, delay, wrongSecret, share, livemode);
    }

    public FaultPlan claimingLivemode(double share) {
        return new FaultPlan(seed, drop, duplicate, reorderWindow, delayShare, delay, wrongSecret, twinEvents, share);
    }

    /**
     * Reads {@code key=value} pairs separated by commas, e.g.
     * {@code seed=42,drop=0.2,duplicate=0.1,reorder=4,delay=2s,delay_share=0.5,wrong_secret=0.1,twin_events=0.1,
     * livemode=1}; durations as {@code 250ms}, {@code 2s}. Keys not given keep their {@link #NONE} value;
     * {@code delay} without {@code delay_share} delays every delivery.
     *
     * @throws IllegalArgumentException naming the bad pair
     */
    public static FaultPlan parse(String spec) {
        boolean delayShareGiven = spec != null && spec.toLowerCase(Locale.ROOT).contains("delay_share");
        return FaultSpec.fold(spec, NONE, (plan, key, value) -> switch (key) {
            case "seed" -> plan.withSeed(Long.parseLong(value));
            case "drop" -> plan.dropping(Double.parseDouble(value));
            case "duplicate" -> plan.duplicating(Double.parseDouble(value));
            case "reorder" -> plan.reorderingWithin(Integer.parseInt(value));
            case "delay" -> plan.delaying(delayShareGiven ? plan.delayShare() : 1, FaultSpec.duration(value));
            case "delay_share" -> plan.delaying(Double.parseDouble(value), plan.delay());
            case "wrong_secret" -> plan.signingWithWrongSecret(Double.parseDouble(value));
            case "twin_events" -> plan.twinningEvents(Double.parseDouble(value));
            case "livemode" -> plan.claimingLivemode(Double.parseDouble(value));
            default -> throw new IllegalArgumentException("unknown fault '" + key + "'; known: seed, drop, "
                    + "duplicate, reorder, delay, delay_share, wrong_secret, twin_events, livemode");
        });
    }

    /** The plan in {@link #parse} form. */
    @Override
    public String toString() {
        return "seed=" + seed + ",drop=" + drop + ",duplicate=" + duplicate + ",reorder=" + reorderWindow
                + ",delay=" + delay.toMillis() + "ms,delay_share=" + delayShare + ",wrong_secret=" + wrongSecret
                + ",twin_events=" + twinEvents + ",livemode=" + livemode;
    }
}
