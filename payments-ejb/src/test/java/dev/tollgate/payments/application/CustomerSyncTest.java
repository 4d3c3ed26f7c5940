package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.SettingSource;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order and idempotency rules of the one write path, without a database or a network. */
class CustomerSyncTest {

    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T.plusSeconds(30), ZoneOffset.UTC);
    private static final Instant PERIOD_END = T.plus(Duration.ofDays(30));

    private final InMemoryStore store = new InMemoryStore();
    private final ScriptedStripe stripe = new ScriptedStripe();
    private CustomerSync sync;
    private Account alice;

    @BeforeEach
    void wire() {
        sync = store.customerSync(stripe, CLOCK, config(false));
        alice = new Account("alice", T);
        alice.linkCustomer("cus_alice");
        store.accounts.put("alice", alice);
    }

    /** A catalog of one plan, pro; Stripe's Entitlements read or not. */
    static PaymentsConfig config(boolean stripeEntitlements) {
        Map<String, String> settings = Map.of(
                "STRIPE_SECRET_KEY", "sk_test_51Example", "STRIPE_WEBHOOK_SECRET", "whsec_example123",
                "PAYMENTS_APP_URL", "http://localhost/payments", "PAYMENTS_PLANS", "pro=price_pro",
                "PAYMENTS_STRIPE_ENTITLEMENTS", Boolean.toString(stripeEntitlements));
        return PaymentsConfig.load(new SettingSource(settings::get, name -> null));
    }

    private static Subscription subscription(SubscriptionStatus status) {
        return new Subscription("sub_1", "cus_alice", status, List.of("price_pro"), T, PERIOD_END, false, T);
    }

    /** An event's state as the webhook handler applies it: a tie rolls back, is asked of Stripe, applied again. */
    private void applyEvent(Subscription state, Instant asOf) {
        sync.settlingTiesOutsideTheLock(asked -> sync.applyEventState(alice, state, asOf, asked));
    }

    /** A signal naming a subscription as the webhook handler applies it: Stripe asked first, then under the lock. */
    private void refresh(String subscriptionId, Instant eventCreated) {
        sync.refreshSubscription(alice, subscriptionId, eventCreated, true,
                sync.askStripeToRefresh(subscriptionId, eventCreated, true));
    }

    private Entitlement entitlement() {
        return store.entitlements.get("alice");
    }

    @Test
    void aNewerEventStateIsAppliedWithoutAskingStripe() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        assertEquals(PERIOD_END, entitlement().accessUntil());
        assertEquals(1, entitlement().version());
        assertEquals(0, stripe.calls);
    }

    @Test
    void anOlderStateArrivingLateIsIgnored() {
        applyEvent(subscription(SubscriptionStatus.CANCELED), T.plusSeconds(10));
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        assertNull(entitlement().accessUntil(), "the later cancellation stands");
        assertEquals(0, stripe.calls);
    }

    @Test
    void aTieOfTheSameSecondIsSettledByStripesCurrentState() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        stripe.current.put("sub_1", subscription(SubscriptionStatus.CANCELED));
        applyEvent(subscription(SubscriptionStatus.PAST_DUE), T);
        assertEquals(1, stripe.calls);
        assertEquals(SubscriptionStatus.CANCELED, entitlement().status());
        assertEquals(CLOCK.instant(), store.subscriptions.get("sub_1").stripeAsOf(), "as of the moment Stripe was asked");
    }

    @Test
    void theSameStateAgainInItsOwnSecondAsksStripeNothing() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        stripe.current.put("sub_1", subscription(SubscriptionStatus.CANCELED));
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        assertEquals(0, stripe.calls, "a redelivery or a second event of one change is no tie");
        assertEquals(SubscriptionStatus.ACTIVE, entitlement().status());
        assertEquals(1, entitlement().version());
    }

    @Test
    void aTieAnswerIsTakenOnlyWhileTheRecordIsTheWriteItWasAskedAgainst() {
        Instant now = CLOCK.instant(); // events of our clock's own second, so each answer ties too
        applyEvent(subscription(SubscriptionStatus.ACTIVE), now);
        stripe.current.put("sub_1", subscription(SubscriptionStatus.PAST_DUE));
        // a run of a tie that rolled back and had Stripe asked, its second run not under the lock yet
        AtomicReference<Optional<StripeAnswer<Subscription>>> askedEarly = new AtomicReference<>();
        sync.settlingTiesOutsideTheLock(asked -> {
            if (asked.isEmpty()) {
                return sync.applyEventState(alice, subscription(SubscriptionStatus.CANCELED), now, asked);
            }
            askedEarly.set(asked);
            return Optional.empty();
        });
        assertEquals(1, stripe.calls, "the tie asked of Stripe once, with no lock held");
        stripe.current.put("sub_1", subscription(SubscriptionStatus.UNPAID));

        // another writer's tie, asked and applied while the record stayed as it was asked against: no call under it
        applyEvent(subscription(SubscriptionStatus.INCOMPLETE), now);
        assertEquals(2, stripe.calls);
        assertEquals(SubscriptionStatus.UNPAID, entitlement().status());

        // the early answer was asked against the record before that write: not taken, Stripe asked again
        stripe.current.put("sub_1", subscription(SubscriptionStatus.CANCELED));
        sync.applyEventState(alice, subscription(SubscriptionStatus.CANCELED), now, askedEarly.get());
        assertEquals(3, stripe.calls);
        assertEquals(SubscriptionStatus.CANCELED, entitlement().status());
    }

    @Test
    void theSameEventTwiceChangesTheVersionOnce() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        stripe.current.put("sub_1", subscription(SubscriptionStatus.ACTIVE));
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        assertEquals(1, entitlement().version());
    }

    @Test
    void anInvoiceSignalCostsNoCallWhenTheRecordIsAlreadyThatFresh() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        refresh("sub_1", T);
        assertEquals(0, stripe.calls);
    }

    @Test
    void aSignalsAnswerAskedBeforeTheLockIsTakenOnlyWhileTheRecordIsUnchanged() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        Instant invoiceAt = T.plusSeconds(20);
        stripe.current.put("sub_1", subscription(SubscriptionStatus.PAST_DUE));
        var unchanged = sync.askStripeToRefresh("sub_1", invoiceAt, true);
        var overtaken = sync.askStripeToRefresh("sub_1", invoiceAt, true);
        assertEquals(2, stripe.calls);

        sync.refreshSubscription(alice, "sub_1", invoiceAt, true, unchanged);
        assertEquals(2, stripe.calls, "the early answer was taken: no call under the lock");
        assertEquals(SubscriptionStatus.PAST_DUE, entitlement().status());

        // a write came between the second answer and its lock without covering the invoice's second
        applyEvent(subscription(SubscriptionStatus.UNPAID), T.plusSeconds(10));
        stripe.current.put("sub_1", subscription(SubscriptionStatus.CANCELED));
        sync.refreshSubscription(alice, "sub_1", invoiceAt.plusSeconds(30), true, overtaken);
        assertEquals(3, stripe.calls, "an answer older than the record is not taken; Stripe is asked again");
        assertEquals(SubscriptionStatus.CANCELED, entitlement().status());
    }

    @Test
    void aSignalForAnUnknownSubscriptionFetchesItOnce() {
        stripe.current.put("sub_1", subscription(SubscriptionStatus.ACTIVE));
        refresh("sub_1", T);
        refresh("sub_1", T);
        assertEquals(1, stripe.calls);
        assertTrue(entitlement().grantsAccessAt(T.plusSeconds(60)));
    }

    @Test
    void stripeEntitlementFeaturesAreMergedOnlyWhenEnabledAndOnlyWhileAccessIsGranted() {
        stripe.featureKeys = Set.of("courses");
        stripe.current.put("sub_1", subscription(SubscriptionStatus.ACTIVE));
        sync.sync(alice);
        assertTrue(entitlement().features().isEmpty(), "off by default");

        sync.settings = config(true).syncSettings();
        sync.applyStripeFeatures(alice, sync.askStripeForFeatures(alice));
        assertEquals(Set.of("courses"), entitlement().features());

        applyEvent(subscription(SubscriptionStatus.CANCELED), T.plusSeconds(60)); // after the sync
        assertTrue(entitlement().features().isEmpty(), "Stripe's list never outlives the policy's access");
    }

    /**
     * Two summaries for one customer, their listings asked one after the other but finished in the other order: the
     * listing asked later is kept, whichever is written last. Stripe is asked before the lock, so this is the only
     * order there is to keep.
     */
    @Test
    void aFeatureListingAskedBeforeTheOneStoredIsNotTaken() {
        sync.settings = config(true).syncSettings();
        stripe.current.put("sub_1", subscription(SubscriptionStatus.ACTIVE));
        sync.sync(alice);
        stripe.featureKeys = Set.of("courses");
        ListedFeatures older = sync.askStripeForFeatures(alice);
        stripe.featureKeys = Set.of("courses", "reports");
        sync.clock = Clock.fixed(CLOCK.instant().plusSeconds(1), ZoneOffset.UTC);
        ListedFeatures newer = sync.askStripeForFeatures(alice);

        sync.applyStripeFeatures(alice, newer);
        sync.applyStripeFeatures(alice, older);
        assertEquals(Set.of("courses", "reports"), entitlement().stripeFeatures(), "the later listing stays");

        stripe.featureKeys = Set.of();
        sync.clock = Clock.fixed(CLOCK.instant().plusSeconds(2), ZoneOffset.UTC);
        sync.applyStripeFeatures(alice, sync.askStripeForFeatures(alice));
        assertEquals(Set.of(), entitlement().stripeFeatures(), "a listing asked later still replaces it");
    }

    @Test
    void aDeletedCustomerEndsItsSubscriptionsAndTheAccessWithThem() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        sync.customerDeleted(alice, T.plusSeconds(5));
        assertEquals("canceled", store.subscriptions.get("sub_1").status(), "the record is written back");
        assertEquals(T.plusSeconds(5), store.subscriptions.get("sub_1").stripeAsOf());
        assertNull(entitlement().accessUntil());
        assertEquals(2, entitlement().version());
        assertNull(store.accounts.get("alice").stripeCustomerId(), "the account lets go of the customer");
        assertEquals("alice", store.formerCustomers.get("cus_alice").userId(), "and keeps it in the history");
    }

    @Test
    void aDisputeThatIsLostLaterRevokesWhenItsNewStateArrives() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        Reversal opened = new Reversal("dp_1", Reversal.Kind.DISPUTE, "cus_alice", "ch_1", 2000, true,
                "needs_response", T.plusSeconds(1));
        sync.applyReversal(alice, opened, T.plusSeconds(1));
        assertEquals(PERIOD_END, entitlement().accessUntil(), "an open dispute takes nothing back");

        Reversal lost = new Reversal("dp_1", Reversal.Kind.DISPUTE, "cus_alice", "ch_1", 2000, true, "lost",
                T.plusSeconds(1));
        sync.applyReversal(alice, lost, T.plusSeconds(9));
        assertEquals("lost", store.reversals.get("dp_1").status(), "the record is written back");
        assertNull(entitlement().accessUntil());
        assertEquals(2, entitlement().version());
    }

    private static Subscription renewedSubscription() {
        return new Subscription("sub_1", "cus_alice", SubscriptionStatus.ACTIVE, List.of("price_pro"), PERIOD_END,
                PERIOD_END.plus(Duration.ofDays(30)), false, T);
    }

    private static Reversal refundOfCharge1(boolean full) {
        return new Reversal("refund:ch_1", Reversal.Kind.REFUND, "cus_alice", "ch_1", full ? 2000 : 500, full,
                full ? "refunded" : "partially_refunded", T);
    }

    private static Reversal disputeOfCharge1(String status) {
        return new Reversal("dp_1", Reversal.Kind.DISPUTE, "cus_alice", "ch_1", 2000, true, status, T);
    }

    @Test
    void aChargeRefundedPartlyThenInFullAfterARenewalRevokesTheRenewedPeriod() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        sync.applyReversal(alice, refundOfCharge1(false), T.plusSeconds(60));
        applyEvent(renewedSubscription(), PERIOD_END);
        assertEquals(PERIOD_END.plus(Duration.ofDays(30)), entitlement().accessUntil(), "a partial refund keeps access");

        sync.applyReversal(alice, refundOfCharge1(true), PERIOD_END.plus(Duration.ofDays(2)));
        assertNull(entitlement().accessUntil(), "the refund became full during the renewed period");
        assertEquals(PERIOD_END.plus(Duration.ofDays(2)), store.reversals.get("refund:ch_1").tookBackAt().orElseThrow());
    }

    @Test
    void aDisputeOpenedBeforeARenewalAndLostAfterItRevokesTheRenewedPeriod() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        sync.applyReversal(alice, disputeOfCharge1("needs_response"), T.plus(Duration.ofDays(20)));
        applyEvent(renewedSubscription(), PERIOD_END);
        assertEquals(PERIOD_END.plus(Duration.ofDays(30)), entitlement().accessUntil(), "an open dispute keeps access");

        sync.applyReversal(alice, disputeOfCharge1("lost"), PERIOD_END.plus(Duration.ofDays(5)));
        assertNull(entitlement().accessUntil(), "the dispute was lost during the renewed period");
    }

    @Test
    void aFullRefundOfAnEarlierPeriodDoesNotRevokeTheRenewedOne() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        sync.applyReversal(alice, refundOfCharge1(true), T.plus(Duration.ofDays(3)));
        assertNull(entitlement().accessUntil(), "the period it was refunded in is taken back");

        applyEvent(renewedSubscription(), PERIOD_END);
        assertEquals(PERIOD_END.plus(Duration.ofDays(30)), entitlement().accessUntil(), "the renewal was paid again");
    }

    @Test
    void aWonDisputeRevokesNothing() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        sync.applyReversal(alice, disputeOfCharge1("needs_response"), T.plusSeconds(60));
        sync.applyReversal(alice, disputeOfCharge1("won"), T.plusSeconds(120));
        assertEquals(PERIOD_END, entitlement().accessUntil());
        assertEquals(0, stripe.calls);
    }

    @Test
    void aDisputeClosedAndOpenedInOneSecondIsSettledByStripesCurrentStateWhicheverArrivesFirst() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        stripe.reversals.put("dp_1", disputeOfCharge1("lost"));
        Instant second = T.plusSeconds(60);

        sync.applyReversal(alice, disputeOfCharge1("lost"), second);
        assertNull(entitlement().accessUntil());
        sync.applyReversal(alice, disputeOfCharge1("needs_response"), second);
        assertEquals("lost", store.reversals.get("dp_1").status(), "the tie was asked of Stripe, not taken as it came");
        assertNull(entitlement().accessUntil(), "the loss stands");
        assertEquals(1, stripe.calls);
        assertEquals(second, store.reversals.get("dp_1").tookBackAt().orElseThrow());
    }

    @Test
    void aReversalTieAskedBeforeTheLockIsTakenOnlyWhileTheRecordIsUnchanged() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        Instant second = T.plusSeconds(60);
        sync.applyReversal(alice, disputeOfCharge1("needs_response"), second);
        stripe.reversals.put("dp_1", disputeOfCharge1("lost"));

        var asked = sync.askStripeOnReversalTie(disputeOfCharge1("under_review"), second);
        sync.applyReversal(alice, disputeOfCharge1("under_review"), second, asked);
        assertEquals(1, stripe.calls, "no second call under the lock");
        assertEquals("lost", store.reversals.get("dp_1").status());

        var askedBeforeAWrite = sync.askStripeOnReversalTie(disputeOfCharge1("won"), second);
        sync.applyReversal(alice, disputeOfCharge1("lost"), second.plusSeconds(1)); // a newer report came first
        stripe.reversals.put("dp_1", disputeOfCharge1("won"));
        sync.applyReversal(alice, disputeOfCharge1("won"), second.plusSeconds(1), askedBeforeAWrite);
        assertEquals(3, stripe.calls, "the answer asked against the older write was not taken");
        assertEquals("won", store.reversals.get("dp_1").status());
    }

    @Test
    void aRefundReportedTwiceInOneSecondIsSettledByTheChargesCurrentRefunds() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        stripe.reversals.put("refund:ch_1", refundOfCharge1(true));
        Instant second = T.plusSeconds(60);

        sync.applyReversal(alice, refundOfCharge1(true), second);
        sync.applyReversal(alice, refundOfCharge1(false), second);
        assertEquals("refunded", store.reversals.get("refund:ch_1").status());
        assertNull(entitlement().accessUntil());
    }

    @Test
    void anOlderReversalStateArrivingLateIsIgnoredWithoutAskingStripe() {
        applyEvent(subscription(SubscriptionStatus.ACTIVE), T);
        sync.applyReversal(alice, disputeOfCharge1("lost"), T.plusSeconds(90));
        sync.applyReversal(alice, disputeOfCharge1("needs_response"), T.plusSeconds(60));
        assertEquals("lost", store.reversals.get("dp_1").status());
        assertNull(entitlement().accessUntil());
        assertEquals(0, stripe.calls);
    }
}
