package dev.tollgate.emulator.delivery;

import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The draws of one {@link FaultPlan}, from one generator seeded by the plan. Callers draw in event order (under
 * the store's lock), which is what makes a seed give the same deliveries every run. Not thread-safe: the
 * deliverer draws under its own monitor.
 */
final class FaultDice {
    /** What the plan does to one delivery. */
    record Verdict(boolean dropped, boolean duplicated, boolean delayed, boolean wrongSecret, boolean livemode) {
    }

    private final FaultPlan plan;
    private final Random random;

    FaultDice(FaultPlan plan) {
        this.plan = plan;
        this.random = new Random(plan.seed());
    }

    FaultPlan plan() {
        return plan;
    }

    /** Always five draws, so one fault's share never shifts another fault's decisions. */
    Verdict nextDelivery() {
        return new Verdict(roll(plan.drop()), roll(plan.duplicate()), roll(plan.delayShare()),
                roll(plan.wrongSecret()), roll(plan.livemode()));
    }

    /** Whether a change gets a second Event object; draws only when twins are asked for. */
    boolean twinEvent() {
        return plan.twinEvents() > 0 && roll(plan.twinEvents());
    }

    /**
     * Shuffles the {@code index}-th reorder window with its own generator, so that drop and duplicate decisions
     * never depend on how many windows were shuffled before.
     */
    void shuffle(List<?> window, long index) {
        Collections.shuffle(window, new Random(plan.seed() * 1_000_003L + index));
    }

    private boolean roll(double share) {
        return random.nextDouble() < share;
    }
}
