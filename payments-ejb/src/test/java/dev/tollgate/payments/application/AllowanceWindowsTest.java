package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Allowances on their own window inside a yearly billing period: a monthly grant of credits and a weekly one of
 * reports, each brought by the window schedule on the clock (no event), once, with the rest of the window before
 * expired, each unit on its own balance.
 */
class AllowanceWindowsTest {

    private static final Instant START = Instant.parse("2027-01-31T10:00:00Z");
    private static final Instant END = Instant.parse("2028-01-31T10:00:00Z");

    private final InMemoryStore store = new InMemoryStore();
    private final MovingClock clock = new MovingClock(START.plusSeconds(5));
    private CustomerSync sync;
    private AllowanceWindowService windows;
    private Account alice;

    @BeforeEach
    void wire() {
        sync = store.customerSync(new ScriptedStripe(), clock, InMemoryStore.configWithPlans(
                "pro=price_pro_yearly; allowance:pro=500/month; allowance:pro:reports=7/week"));
        windows = new AllowanceWindowService();
        windows.windows = sync.allowances.windows;
        windows.accounts = sync.accounts;
        windows.customerSync = sync;
        windows.clock = clock;
        alice = new Account("alice", START);
        alice.linkCustomer("cus_alice");
        store.accounts.put("alice", alice);
        sync.applyEventState(alice, yearly(SubscriptionStatus.ACTIVE), START, Optional.empty());
    }

    private static Subscription yearly(SubscriptionStatus status) {
        return new Subscription("sub_y", "cus_alice", status, List.of("price_pro_yearly"), START, END, false, START);
    }

    private long credits() {
        return store.entitlements.get("alice").credits();
    }

    private long reports() {
        return store.credits.values().stream().filter(entry -> entry.unit().equals("reports"))
                .mapToLong(CreditEntry::amount).sum();
    }

    private void spend(String key, String unit, long amount) {
        store.credits.put(key, new CreditEntry("alice", unit, key, -amount, CreditEntry.SPENT, clock.instant()));
        if (unit.equals("credits")) {
            store.entitlements.get("alice").addCredits(-amount, clock.instant());
        }
    }

    @Test
    void theFirstWindowsAreGrantedWithTheSubscriptionAndTheNextOneIsScheduled() {
        assertEquals(500, credits());
        assertEquals(7, reports());
        assertEquals(List.of(), windows.usersDue(10), "nothing due before a week has passed");
        assertEquals(Instant.parse("2027-02-07T10:00:00Z"), store.allowanceWindows.get("sub_y").getValue(),
                "the weekly reports come first");
    }

    @Test
    void aNewMonthInsideTheYearGrantsOnceAndExpiresWhatTheLastMonthLeft() {
        spend("spend:1", "credits", 120);
        spend("spend:2", "reports", 2);
        clock.at(Instant.parse("2027-02-28T10:00:00Z")); // a month after 31 January: the last day of February
        assertEquals(List.of("alice"), windows.usersDue(10));
        windows.settle("alice");
        windows.settle("alice");
        sync.applyEventState(alice, yearly(SubscriptionStatus.ACTIVE), START.plusSeconds(60), Optional.empty());
        assertEquals(500, credits(), "the 380 left expired, the new month's 500 granted once");
        assertEquals(-380, store.credits.get("allowance-expiry:sub_y:" + START.getEpochSecond()).amount());
        assertTrue(store.credits.containsKey("allowance:sub_y:" + Instant.parse("2027-02-28T10:00:00Z")
                .getEpochSecond()));
        assertEquals(7, reports(), "the current week's reports; the first week's unused 5 expired once");
        assertEquals(2, store.credits.keySet().stream().filter(key -> key.startsWith("allowance:sub_y:reports:"))
                .count(), "the window running now is granted; weeks nobody settled in between are not paid out later");
        assertEquals(List.of(), windows.usersDue(10));
        assertEquals(Instant.parse("2027-03-07T10:00:00Z"), store.allowanceWindows.get("sub_y").getValue());
    }

    @Test
    void aCanceledSubscriptionStopsTheSchedule() {
        sync.applyEventState(alice, yearly(SubscriptionStatus.CANCELED), START.plusSeconds(60), Optional.empty());
        assertEquals(0, credits());
        assertEquals(0, reports());
        assertTrue(store.allowanceWindows.isEmpty());
    }

    @Test
    void onlyACatalogWithAWindowInsideABillingPeriodIsLookedAtOnTheClock() {
        AllowanceWindows looks = new AllowanceWindows();
        looks.catalog = sync.allowances.catalog;
        assertTrue(looks.canFallDue());
        looks.catalog = InMemoryStore.configWithPlans("pro=price_pro_yearly; allowance:pro=500/period;"
                + " allowance:pro:reports=7/period").plans();
        assertFalse(looks.canFallDue(), "each window comes with a renewal's event");
    }

    /** A clock a test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void at(Instant instant) {
            now = instant;
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
