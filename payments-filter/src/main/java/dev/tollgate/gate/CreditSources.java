package dev.tollgate.gate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where a user's credits came from: what is left of the plan's allowance, of packs bought through Checkout and of
 * other grants (an admin's). Read from the credit ledger with the rule the payments WAR expires allowances by: a
 * spend takes allowance first, then the oldest bought or granted credits. {@link #total()} is the balance when the
 * ledger holds every movement of it.
 *
 * @param planAllowance credits left of the current periods' plan allowances
 * @param packs         credits left of packs bought through Checkout
 * @param grants        credits left of any other addition
 */
public record CreditSources(long planAllowance, long packs, long grants) {

    /** The ledger's reason for a period's plan allowance. */
    static final String ALLOWANCE = "allowance";
    /** The ledger's reason for a pack bought through Checkout. */
    static final String PACK = "checkout";

    /** One movement of the ledger: credits added (positive) or taken, and the ledger's reason. */
    public record Movement(long amount, String reason) {
    }

    /** What the sources add up to. */
    public long total() {
        return planAllowance + packs + grants;
    }

    /** @param ledger every movement of one user, oldest first */
    public static CreditSources of(List<Movement> ledger) {
        long allowance = 0;
        Deque<long[]> bought = new ArrayDeque<>(); // {1 for a pack or 0 for a grant, credits left}, oldest first
        for (Movement movement : ledger) {
            long amount = movement.amount();
            if (amount > 0 && ALLOWANCE.equals(movement.reason())) {
                allowance += amount;
            } else if (amount > 0) {
                bought.addLast(new long[] {PACK.equals(movement.reason()) ? 1 : 0, amount});
            } else if (amount < 0) {
                long fromAllowance = Math.min(allowance, -amount);
                allowance -= fromAllowance;
                takeOldestFirst(bought, -amount - fromAllowance);
            }
        }
        long packs = bought.stream().filter(left -> left[0] == 1).mapToLong(left -> left[1]).sum();
        long grants = bought.stream().filter(left -> left[0] == 0).mapToLong(left -> left[1]).sum();
        return new CreditSources(allowance, packs, grants);
    }

    private static void takeOldestFirst(Deque<long[]> bought, long credits) {
        long owed = credits;
        while (owed > 0 && !bought.isEmpty()) {
            long[] oldest = bought.peekFirst();
            long taken = Math.min(oldest[1], owed);
            oldest[1] -= taken;
            owed -= taken;
            if (oldest[1] == 0) {
                bought.removeFirst();
            }
        }
    }
}
