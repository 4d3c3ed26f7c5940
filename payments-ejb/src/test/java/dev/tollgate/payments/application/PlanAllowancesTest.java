package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A plan's credits per period through the one write path: granted once a period, the rest expired. */
class PlanAllowancesTest {

    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T.plusSeconds(30), ZoneOffset.UTC);
    private static final Duration MONTH = Duration.ofDays(30);

    private final InMemoryStore store = new InMemoryStore();
    private CustomerSync sync;
    private Account alice;

    @BeforeEach
    void wire() {
        sync = store.customerSync(new ScriptedStripe(), CLOCK, InMemoryStore.configWithPlans(
                "pro=price_pro; basic=price_basic; allowance:pro=500/period"));
        alice = new Account("alice", T);
        alice.linkCustomer("cus_alice");
        store.accounts.put("alice", alice);
    }

    private static Subscription pro(SubscriptionStatus status, int period) {
        Instant start = T.plus(MONTH.multipliedBy(period));
        return new Subscription("sub_1", "cus_alice", status, List.of("price_pro"), start, start.plus(MONTH), false, T);
    }

    /** What the gate does for a spend: the balance down, a ledger row after everything before it. */
    private void spend(String key, long credits) {
        store.credits.put(key, new CreditEntry("alice", key, -credits, CreditEntry.SPENT, T));
        Entitlement entitlement = entitlement();
        entitlement.addCredits(-credits, T);
        store.entitlements.put("alice", entitlement);
    }

    private void buyPack(String checkout, long credits) {
        store.credits.put(checkout, new CreditEntry("alice", checkout, credits, "checkout", T));
        Entitlement entitlement = entitlement();
        entitlement.addCredits(credits, T);
        store.entitlements.put("alice", entitlement);
    }

    /** The first period's allowance, a pack of 100, {@code spent} credits spent, then the renewal. */
    private void renewAfterBuying100AndSpending(long spent) {
        sync.applyEventState(alice, pro(SubscriptionStatus.ACTIVE, 0), T, Optional.empty());
        buyPack("cs_pack", 100);
        spend("spend:1", spent);
        sync.applyEventState(alice, pro(SubscriptionStatus.ACTIVE, 1), T.plusSeconds(10), Optional.empty());
    }

    private Entitlement entitlement() {
        return store.entitlements.get("alice");
    }

    @Test
    void anActiveSubscriptionGetsItsPlansAllowanceOncePerPeriod() {
        sync.applyEventState(alice, pro(SubscriptionStatus.ACTIVE, 0), T, Optional.empty());
        sync.applyEventState(alice, pro(SubscriptionStatus.ACTIVE, 0), T.plusSeconds(5), Optional.empty());
        sync.syncFrom(alice, List.of(pro(SubscriptionStatus.ACTIVE, 0)), java.util.Optional.empty(), T.plusSeconds(9));
        assertEquals(500, entitlement().credits());
        assertTrue(store.credits.containsKey("allowance:sub_1:" + T.getEpochSecond()));
    }

    @Test
    void allowancesThatFollowTheBillingPeriodNeverTouchTheWindowSchedule() {
        renewAfterBuying100AndSpending(120);
        sync.applyEventState(alice, pro(SubscriptionStatus.CANCELED, 1), T.plusSeconds(20), Optional.empty());
        assertEquals(4, store.credits.keySet().stream().filter(key -> key.startsWith("allowance")).count(),
                "two periods granted and expired, by the events alone: " + store.credits.keySet());
        assertEquals(0, store.allowanceWindowStatements, "no allowance_window read or write on the webhook path");
    }

    @Test
    void aNewPeriodExpiresWhatIsLeftOfTheLastAndKeepsBoughtCredits() {
        renewAfterBuying100AndSpending(120);
        assertEquals(-380, store.credits.get("allowance-expiry:sub_1:" + T.getEpochSecond()).amount());
        assertEquals(100 + 500, entitlement().credits(), "the pack's 100 and the new period's 500");
    }

    @Test
    void spendingBeyondTheAllowanceExpiresNothingOfTheBoughtCredits() {
        renewAfterBuying100AndSpending(550);
        assertEquals(0, store.credits.get("allowance-expiry:sub_1:" + T.getEpochSecond()).amount());
        assertEquals(50 + 500, entitlement().credits());
    }

    @Test
    void anOlderPeriodArrivingLateGrantsNothing() {
        sync.syncFrom(alice, List.of(pro(SubscriptionStatus.ACTIVE, 1)), java.util.Optional.empty(), T.plusSeconds(10));
        sync.applyEventState(alice, pro(SubscriptionStatus.ACTIVE, 0), T.plusSeconds(20), Optional.empty());
        assertEquals(500, entitlement().credits());
    }

    @Test
    void aCanceledSubscriptionTakesItsUnusedAllowanceAlongOnce() {
        sync.applyEventState(alice, pro(SubscriptionStatus.ACTIVE, 0), T, Optional.empty());
        spend("spend:1", 200);
        sync.applyEventState(alice, pro(SubscriptionStatus.CANCELED, 0), T.plusSeconds(10), Optional.empty());
        sync.applyEventState(alice, pro(SubscriptionStatus.CANCELED, 0), T.plusSeconds(20), Optional.empty());
        assertEquals(0, entitlement().credits());
        assertEquals(-300, store.credits.get("allowance-expiry:sub_1:" + T.getEpochSecond()).amount());
    }

    @Test
    void aPastDueRenewalWaitsForItsPaymentBeforeTheNewAllowance() {
        sync.applyEventState(alice, pro(SubscriptionStatus.ACTIVE, 0), T, Optional.empty());
        sync.applyEventState(alice, pro(SubscriptionStatus.PAST_DUE, 1), T.plusSeconds(10), Optional.empty());
        assertEquals(500, entitlement().credits(), "the first period's, still");
        sync.applyEventState(alice, pro(SubscriptionStatus.ACTIVE, 1), T.plusSeconds(20), Optional.empty());
        assertEquals(500, entitlement().credits(), "the first expired, the second granted");
        assertEquals(2, store.credits.values().stream().filter(e -> e.reason().equals("allowance")).count());
    }
}
