package dev.tollgate.payments.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final PlanCatalog catalog = PlanCatalog.of(List.of(
            new Plan("basic", Set.of("price_basic"), Set.of("reports"), Set.of()),
            new Plan("pro", Set.of("price_pro"), Set.of("courses"), Set.of("basic"))));
    private final AccessPolicy policy = new AccessPolicy(catalog, Duration.ofDays(3));
    private static final PaymentsSeen NOTHING_SEEN = PaymentsSeen.none("sub_1");

    /** A subscription made a period before {@code start}: the current period is a renewal. */
    private static Subscription subscription(SubscriptionStatus status, String price, Instant start, Instant end) {
        return new Subscription("sub_1", "cus_1", status, List.of(price), start, end, false,
                start.minus(Duration.ofDays(30)));
    }

    @Test
    void aFirstPaymentTheBankRefusedGrantsNoGrace() {
        Instant created = NOW.minus(Duration.ofMinutes(5));
        Subscription refused = new Subscription("sub_1", "cus_1", SubscriptionStatus.PAST_DUE, List.of("price_pro"),
                created, created.plus(Duration.ofDays(30)), false, created);
        assertTrue(policy.firstPaymentFailed(refused, NOTHING_SEEN));
        Grant grant = policy.decide(List.of(refused), NOW);
        assertNull(grant.accessUntil(), "nothing was ever paid");
        assertTrue(grant.plans().isEmpty());
        assertFalse(policy.inGracePeriod(refused, NOTHING_SEEN, NOW));

        Subscription processing = new Subscription("sub_1", "cus_1", SubscriptionStatus.ACTIVE, List.of("price_pro"),
                created, created.plus(Duration.ofDays(30)), false, created);
        assertEquals(created.plus(Duration.ofDays(30)), policy.decide(List.of(processing), NOW).accessUntil(),
                "while the debit is processing Stripe says active, and access follows");
        assertFalse(policy.firstPaymentFailed(subscription(SubscriptionStatus.PAST_DUE, "price_pro", created,
                created.plus(Duration.ofDays(30))), NOTHING_SEEN), "a renewal that failed is graced");
    }

    /**
     * An upgrade invoiced at once and refused twenty days into the first period: Stripe says past_due in the period
     * the subscription began with, as after a refused first debit, but the first invoice was paid — the grace days
     * count from the refusal, not from the period's start (long past) and not "never".
     */
    @Test
    void aRefusedChargeLaterInAPaidFirstPeriodIsGracedFromTheRefusal() {
        Instant created = NOW.minus(Duration.ofDays(21));
        Instant refusedAt = NOW.minus(Duration.ofDays(1));
        Subscription upgraded = new Subscription("sub_1", "cus_1", SubscriptionStatus.PAST_DUE, List.of("price_pro"),
                created, created.plus(Duration.ofDays(30)), false, created);
        PaymentsSeen firstInvoicePaid = new PaymentsSeen("sub_1", created, refusedAt);

        assertFalse(policy.firstPaymentFailed(upgraded, firstInvoicePaid));
        Grant grant = policy.decide(List.of(upgraded), List.of(), id -> firstInvoicePaid, NOW);
        assertEquals("pro", grant.plan(), "Stripe switched the price; the grace follows it");
        assertEquals(refusedAt.plus(Duration.ofDays(3)), grant.accessUntil());
        assertTrue(policy.inGracePeriod(upgraded, firstInvoicePaid, NOW));
        assertFalse(policy.inGracePeriod(upgraded, firstInvoicePaid, refusedAt.plus(Duration.ofDays(3))));

        PaymentsSeen whenUnknown = new PaymentsSeen("sub_1", created, null);
        assertNull(policy.decide(List.of(upgraded), List.of(), id -> whenUnknown, NOW).accessUntil(),
                "without the moment of the refusal, the period's start counts, as for a renewal");
        assertNull(policy.decide(List.of(upgraded), NOW).accessUntil(), "no paid invoice seen: a first payment");
        assertTrue(policy.firstPaymentFailed(upgraded, PaymentsSeen.none("sub_1")));
    }

    @Test
    void anActiveSubscriptionGrantsItsPlanUntilThePeriodEnds() {
        Instant end = NOW.plus(Duration.ofDays(20));
        Grant grant = policy.decide(List.of(subscription(SubscriptionStatus.ACTIVE, "price_pro",
                NOW.minus(Duration.ofDays(10)), end)), NOW);
        assertEquals("pro", grant.plan());
        assertEquals(Set.of("pro", "basic"), grant.plans());
        assertEquals(Set.of("courses", "reports"), grant.features());
        assertEquals(end, grant.accessUntil());
    }

    @Test
    void pastDueKeepsAccessOnlyDuringTheGracePeriod() {
        Instant renewal = NOW.minus(Duration.ofDays(1));
        Grant grant = policy.decide(List.of(subscription(SubscriptionStatus.PAST_DUE, "price_basic",
                renewal, renewal.plus(Duration.ofDays(30)))), NOW);
        assertEquals(renewal.plus(Duration.ofDays(3)), grant.accessUntil());

        Instant longAgo = NOW.minus(Duration.ofDays(5));
        Grant expired = policy.decide(List.of(subscription(SubscriptionStatus.PAST_DUE, "price_basic",
                longAgo, longAgo.plus(Duration.ofDays(30)))), NOW);
        assertNull(expired.accessUntil());
        assertEquals(SubscriptionStatus.PAST_DUE, expired.status());
    }

    @Test
    void canceledUnpaidAndIncompleteGrantNothing() {
        for (SubscriptionStatus status : List.of(SubscriptionStatus.CANCELED, SubscriptionStatus.UNPAID,
                SubscriptionStatus.INCOMPLETE, SubscriptionStatus.INCOMPLETE_EXPIRED, SubscriptionStatus.PAUSED)) {
            Grant grant = policy.decide(List.of(subscription(status, "price_pro", NOW.minusSeconds(60),
                    NOW.plus(Duration.ofDays(30)))), NOW);
            assertNull(grant.accessUntil(), status.name());
            assertTrue(grant.plans().isEmpty(), status.name());
        }
    }

    @Test
    void thePlanThatCoversMostWinsAmongSeveralSubscriptions() {
        Grant grant = policy.decide(List.of(
                subscription(SubscriptionStatus.ACTIVE, "price_basic", NOW, NOW.plus(Duration.ofDays(30))),
                subscription(SubscriptionStatus.ACTIVE, "price_pro", NOW, NOW.plus(Duration.ofDays(5)))), NOW);
        assertEquals("pro", grant.plan());
    }

    @Test
    void aPriceOutsideTheCatalogGrantsNothing() {
        Grant grant = policy.decide(List.of(subscription(SubscriptionStatus.ACTIVE, "price_other", NOW,
                NOW.plus(Duration.ofDays(30)))), NOW);
        assertFalse(grant.plans().contains("pro"));
        assertNull(grant.accessUntil());
    }

    @Test
    void theEntitlementVersionMovesOnlyWhenSomethingChanged() {
        Entitlement entitlement = Entitlement.none("alice", NOW);
        Grant grant = policy.decide(List.of(subscription(SubscriptionStatus.ACTIVE, "price_pro", NOW,
                NOW.plus(Duration.ofDays(30)))), NOW);
        assertTrue(entitlement.apply(grant, NOW));
        assertEquals(1, entitlement.version());
        assertFalse(entitlement.apply(grant, NOW.plusSeconds(5)));
        assertEquals(1, entitlement.version());
        assertTrue(entitlement.grantsAccessAt(NOW.plusSeconds(5)));
        assertTrue(entitlement.coversPlan("basic"));
    }

    /** An active pro subscription whose current period started at {@code start} and ends in 28 days. */
    private static List<Subscription> proSince(Instant start) {
        return List.of(subscription(SubscriptionStatus.ACTIVE, "price_pro", start, NOW.plus(Duration.ofDays(28))));
    }

    private static ReversalRecord reversal(Reversal.Kind kind, boolean full, String status, Instant at) {
        return new ReversalRecord(new Reversal(kind == Reversal.Kind.REFUND ? "refund:ch_1" : "dp_1", kind, "cus_1",
                "ch_1", 900, full, status, at), at, at);
    }

    @Test
    void aFullRefundOrALostDisputeDuringThePeriodRevokesAccess() {
        Instant start = NOW.minus(Duration.ofDays(2));
        List<Subscription> active = proSince(start);
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        assertNull(policy.decide(active, List.of(reversal(Reversal.Kind.REFUND, true, "refunded", yesterday)), NOW)
                .accessUntil());
        assertNull(policy.decide(active, List.of(reversal(Reversal.Kind.DISPUTE, true, "lost", yesterday)), NOW)
                .accessUntil());
    }

    @Test
    void partialRefundsOpenDisputesAndLastPeriodsRefundsKeepAccess() {
        Instant start = NOW.minus(Duration.ofDays(2));
        List<Subscription> active = proSince(start);
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        for (ReversalRecord harmless : List.of(
                reversal(Reversal.Kind.REFUND, false, "partially_refunded", yesterday),
                reversal(Reversal.Kind.DISPUTE, true, "needs_response", yesterday),
                reversal(Reversal.Kind.DISPUTE, true, "won", yesterday),
                reversal(Reversal.Kind.REFUND, true, "refunded", start.minus(Duration.ofDays(3))))) {
            assertTrue(policy.decide(active, List.of(harmless), NOW).accessUntil() != null);
        }
    }

    @Test
    void revocationOnRefundCanBeSwitchedOff() {
        AccessPolicy lenient = new AccessPolicy(catalog, Duration.ofDays(3), false, true);
        Instant start = NOW.minus(Duration.ofDays(2));
        List<Subscription> active = proSince(start);
        assertTrue(lenient.decide(active, List.of(reversal(Reversal.Kind.REFUND, true, "refunded", NOW)), NOW)
                .accessUntil() != null);
    }

    @Test
    void aReversalCountsFromWhenItTookTheMoneyBackNotFromItsFirstReport() {
        Instant start = NOW.minus(Duration.ofDays(2));
        List<Subscription> active = proSince(start);
        Instant lastPeriod = start.minus(Duration.ofDays(10));

        ReversalRecord refund = reversal(Reversal.Kind.REFUND, false, "partially_refunded", lastPeriod);
        refund.take(new Reversal("refund:ch_1", Reversal.Kind.REFUND, "cus_1", "ch_1", 2000, true, "refunded",
                lastPeriod), NOW.minusSeconds(5), NOW);
        assertNull(policy.decide(active, List.of(refund), NOW).accessUntil(), "made full in this period");

        ReversalRecord dispute = reversal(Reversal.Kind.DISPUTE, true, "needs_response", lastPeriod);
        dispute.take(new Reversal("dp_1", Reversal.Kind.DISPUTE, "cus_1", "ch_1", 900, true, "lost", lastPeriod),
                NOW.minusSeconds(5), NOW);
        assertNull(policy.decide(active, List.of(dispute), NOW).accessUntil(), "lost in this period");

        ReversalRecord lostLastPeriod = reversal(Reversal.Kind.DISPUTE, true, "lost", lastPeriod);
        lostLastPeriod.take(new Reversal("dp_1", Reversal.Kind.DISPUTE, "cus_1", "ch_1", 900, true, "lost",
                lastPeriod), NOW.minusSeconds(5), NOW);
        assertTrue(policy.decide(active, List.of(lostLastPeriod), NOW).accessUntil() != null,
                "a later report of an old loss does not move it into this period");
    }

    @Test
    void aTakenBackPeriodOfARenewingSubscriptionSaysWhenItRenews() {
        Instant start = NOW.minus(Duration.ofDays(2));
        Instant end = start.plus(Duration.ofDays(30));
        ReversalRecord refund = reversal(Reversal.Kind.REFUND, true, "refunded", NOW.minus(Duration.ofDays(1)));

        Grant revoked = policy.decide(List.of(subscription(SubscriptionStatus.ACTIVE, "price_pro", start, end)),
                List.of(refund), NOW);
        assertNull(revoked.accessUntil());
        assertEquals(end, revoked.renewsAt(), "the next period is paid apart, so the gate asks again then");

        Subscription ending = new Subscription("sub_1", "cus_1", SubscriptionStatus.ACTIVE, List.of("price_pro"),
                start, end, true, start);
        assertNull(policy.decide(List.of(ending), List.of(refund), NOW).renewsAt(), "it will not renew");
        assertNull(policy.decide(List.of(subscription(SubscriptionStatus.ACTIVE, "price_pro", start, end)),
                List.of(), NOW).renewsAt(), "nothing was taken back");
    }

    @Test
    void theNamedStatesSayWhatTheSupportDeskSees() {
        Instant start = NOW.minus(Duration.ofDays(1));
        Instant end = start.plus(Duration.ofDays(30));
        Subscription trial = subscription(SubscriptionStatus.TRIALING, "price_pro", start, end);
        Subscription pastDue = subscription(SubscriptionStatus.PAST_DUE, "price_pro", start, end);
        Subscription ending = new Subscription("sub_1", "cus_1", SubscriptionStatus.ACTIVE, List.of("price_pro"),
                start, end, true, start);
        assertTrue(policy.onTrial(trial));
        assertFalse(policy.onTrial(ending));
        assertTrue(policy.inGracePeriod(pastDue, NOTHING_SEEN, NOW), "one day into a grace of three");
        assertFalse(policy.inGracePeriod(pastDue, NOTHING_SEEN, start.plus(Duration.ofDays(3))), "the grace has ended");
        assertFalse(policy.inGracePeriod(trial, NOTHING_SEEN, NOW));
        assertTrue(policy.canceledAtPeriodEnd(ending));
        assertFalse(policy.canceledAtPeriodEnd(trial));
        assertFalse(policy.canceledAtPeriodEnd(new Subscription("sub_2", "cus_1", SubscriptionStatus.CANCELED,
                List.of("price_pro"), start, end, true, start)), "already ended: nothing left to cancel");
    }
}
