package dev.tollgate.payments.domain.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where a user's credits came from: what is left of the plan's allowance, of bought packs and of other grants (an
 * admin's). Read from the ledger with the rule the allowance's expiry uses: a spend takes allowance first, then
 * the oldest bought or granted credits.
 *
 * @param planAllowance credits left of the current periods' allowances
 * @param packs         credits left of packs bought through Checkout
 * @param grants        credits left of any other addition (an admin's grant)
 */
public record CreditSources(long planAllowance, long packs, long grants) {

    /** The ledger's reason for a pack bought through Checkout. */
    public static final String PACK = "checkout";

    /** What the sources add up to; the balance when the ledger holds every movement of it. */
    public long total() {
        return planAllowance + packs + grants;
    }

    /** @param ledger every movement of one user, oldest first */
    public static CreditSources of(List<CreditEntry> ledger) {
        long allowance = 0;
        Deque<long[]> bought = new ArrayDeque<>(); // {1 for a pack or 0 for a grant, credits left}, oldest first
        for (CreditEntry entry : ledger) {
            long amount = entry.amount();
            if (amount > 0 && Allowance.GRANTED.equals(entry.reason())) {
                allowance += amount;
            } else if (amount > 0) {
                bought.addLast(new long[] {PACK.equals(entry.reason()) ? 1 : 0, amount});
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
