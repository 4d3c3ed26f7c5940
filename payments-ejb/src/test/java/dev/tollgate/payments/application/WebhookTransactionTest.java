package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.SettingSource;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.EventCount;
import dev.tollgate.payments.domain.model.EventOutcome;
import dev.tollgate.payments.domain.model.EventSource;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import dev.tollgate.payments.domain.model.WebhookEvent;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a delivery is claimed and settled, with the event log and the stores as maps. */
class WebhookTransactionTest {

    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

    private final InMemoryStore store = new InMemoryStore();
    private final ScriptedStripe stripe = new ScriptedStripe();
    private final Map<String, EventOutcome> log = new HashMap<>();
    private final WebhookTransaction transaction = new WebhookTransaction();
    private int inserts;
    /** Outcomes written over a claimed entry: the usual event's claim already holds its outcome, so none. */
    private int outcomeWrites;
    /** The attempts recorded, as "event outcome source". */
    private final List<String> attempts = new java.util.ArrayList<>();

    @BeforeEach
    void wire() {
        Clock clock = Clock.fixed(T.plusSeconds(30), ZoneOffset.UTC);
        PaymentsConfig config = PaymentsConfig.load(new SettingSource(Map.of(
                "STRIPE_SECRET_KEY", "sk_test_51Example", "STRIPE_WEBHOOK_SECRET", "whsec_example123",
                "PAYMENTS_APP_URL", "http://localhost/payments", "PAYMENTS_PLANS", "pro=price_pro")::get,
                name -> null));
        transaction.handlers = store.eventHandlers(stripe, clock, config);
        transaction.clock = clock;
        transaction.attempts = new AttemptLog();
        transaction.attempts.clock = clock;
        transaction.attempts.attempts = new dev.tollgate.payments.domain.service.WebhookAttemptRepository() {
            @Override public void add(dev.tollgate.payments.domain.model.WebhookAttempt attempt) {
                if (!log.containsKey(attempt.eventId())) {
                    throw new IllegalStateException("an attempt without its event " + attempt.eventId());
                }
                attempts.add(attempt.eventId() + " " + attempt.outcome().dbValue() + " " + attempt.source().dbValue());
            }
            @Override public List<dev.tollgate.payments.domain.model.WebhookAttempt> ofEvent(String id, int limit) {
                throw new UnsupportedOperationException();
            }
        };
        transaction.events = new WebhookEventRepository() {
            @Override public boolean exists(String id) { return log.containsKey(id); }
            @Override public Optional<EventOutcome> lockedOutcome(String id) { return Optional.ofNullable(log.get(id)); }
            @Override public long countWithStatus(EventStatus status) { throw new UnsupportedOperationException(); }
            @Override public List<EventCount> countByTypeAndStatus() { throw new UnsupportedOperationException(); }
            @Override public Set<String> known(Collection<String> ids) { throw new UnsupportedOperationException(); }
            @Override public Optional<String> payload(String id) { throw new UnsupportedOperationException(); }
            @Override public List<String> idsWithStatus(EventStatus status, int limit) {
                throw new UnsupportedOperationException();
            }
            @Override public List<String> idsOfType(String type, Instant from, Instant to, int limit) {
                throw new UnsupportedOperationException();
            }
            @Override public List<dev.tollgate.payments.domain.model.LoggedEvent> search(
                    dev.tollgate.payments.domain.model.EventQuery query) {
                throw new UnsupportedOperationException();
            }
            @Override public long count(dev.tollgate.payments.domain.model.EventQuery query) {
                throw new UnsupportedOperationException();
            }
            @Override public Optional<dev.tollgate.payments.domain.model.LoggedEvent> find(String id) {
                throw new UnsupportedOperationException();
            }
            @Override public long countWithStatusSince(EventStatus status, Instant since) {
                throw new UnsupportedOperationException();
            }
            @Override public Map<Long, Long> countsPerHour(Instant since) { throw new UnsupportedOperationException(); }
            @Override public void recordOutcome(String id, EventOutcome outcome) {
                if (log.replace(id, outcome) == null) {
                    throw new IllegalStateException("no entry for " + id);
                }
                outcomeWrites++;
            }
            @Override public Optional<EventOutcome> claim(WebhookEvent entry) {
                if (log.containsKey(entry.eventId())) {
                    return Optional.of(log.get(entry.eventId()));
                }
                inserts++;
                log.put(entry.eventId(), entry.outcome());
                return Optional.empty();
            }
            @Override public Optional<EventOutcome> claimWithAttempt(WebhookEvent entry,
                    dev.tollgate.payments.domain.model.WebhookAttempt attempt) {
                Optional<EventOutcome> existing = claim(entry);
                if (existing.isEmpty()) {
                    transaction.attempts.attempts.add(attempt);
                }
                return existing;
            }
        };
        Account alice = new Account("alice", T);
        alice.linkCustomer("cus_alice");
        store.accounts.put("alice", alice);
    }

    private static StripeEvent event(String id, String type, Instant created, Optional<Subscription> state) {
        return new StripeEvent(id, type, false, created, "sub_1", state.isPresent() ? "subscription" : "invoice",
                Optional.of("cus_alice"), Optional.empty(), Optional.of("sub_1"), state, Optional.empty(),
                Optional.empty(), "{}");
    }

    private static Subscription active() {
        return new Subscription("sub_1", "cus_alice", SubscriptionStatus.ACTIVE, List.of("price_pro"), T,
                T.plus(Duration.ofDays(30)), false, T);
    }

    @Test
    void anIgnoredTypeIsClaimedWithItsOutcomeAndNothingElseIsDone() {
        WebhookOutcome outcome = transaction.claimIfSettled(event("evt_1", "invoice.created", T, Optional.empty()),
                EventSource.WEBHOOK).orElseThrow();
        assertEquals("ignored", outcome.status());
        assertEquals(EventStatus.IGNORED, log.get("evt_1").status());
        assertEquals(0, outcomeWrites);
        assertEquals(List.of("evt_1 ignored webhook"), attempts);
        assertTrue(store.entitlements.isEmpty());
        assertEquals(0, stripe.calls);
    }

    @Test
    void aSettledEventDeliveredAgainIsADuplicateWithItsOwnAttempt() {
        StripeEvent created = event("evt_6", "invoice.created", T, Optional.empty());
        assertEquals("ignored", transaction.claimIfSettled(created, EventSource.WEBHOOK).orElseThrow().status());
        assertEquals("duplicate", transaction.claimIfSettled(created, EventSource.WEBHOOK).orElseThrow().status());
        assertEquals(1, inserts);
        assertEquals(0, outcomeWrites);
        assertEquals(List.of("evt_6 ignored webhook", "evt_6 duplicate webhook"), attempts);
    }

    @Test
    void whatHasSomethingToApplyOrAFailedEntryIsLeftToTheTransaction() {
        StripeEvent updated = event("evt_7", "customer.subscription.updated", T, Optional.of(active()));
        assertTrue(transaction.claimIfSettled(updated, EventSource.WEBHOOK).isEmpty(), "a handled type");
        StripeEvent created = event("evt_8", "invoice.created", T, Optional.empty());
        log.put("evt_8", EventOutcome.failedFirstAttempt("database went away"));
        assertTrue(transaction.claimIfSettled(created, EventSource.WEBHOOK).isEmpty(), "an entry left failed");
        assertEquals(0, inserts);
        assertEquals(List.of(), attempts);

        assertEquals("ignored", transaction.claimAndApply(created, EventSource.WEBHOOK, Optional.empty()).status(),
                "the transaction applies the failed entry's retry");
        assertEquals(EventStatus.IGNORED, log.get("evt_8").status());
        assertEquals(2, log.get("evt_8").attempts());
        assertEquals(List.of("evt_8 ignored webhook"), attempts);
    }

    @Test
    void aHandledEventIsClaimedAsProcessedAndAppliedOnceHoweverOftenItIsDelivered() {
        StripeEvent updated = event("evt_2", "customer.subscription.updated", T, Optional.of(active()));
        assertEquals("processed", transaction.claimAndApply(updated, EventSource.WEBHOOK, Optional.empty()).status());
        assertEquals("duplicate", transaction.claimAndApply(updated, EventSource.WEBHOOK, Optional.empty()).status());
        assertEquals(1, inserts);
        assertEquals(0, outcomeWrites);
        assertEquals(1, store.entitlements.get("alice").version());
        assertEquals(EventStatus.PROCESSED, log.get("evt_2").status());
        assertEquals(List.of("evt_2 processed webhook", "evt_2 duplicate webhook"), attempts);
    }

    @Test
    void anEntryLeftFailedByAnEarlierAttemptIsAppliedByTheNextDelivery() {
        StripeEvent updated = event("evt_3", "customer.subscription.updated", T, Optional.of(active()));
        log.put("evt_3", EventOutcome.failedFirstAttempt("database went away"));
        assertEquals("processed", transaction.claimAndApply(updated, EventSource.WEBHOOK, Optional.empty()).status());
        assertEquals(EventStatus.PROCESSED, log.get("evt_3").status());
        assertEquals(2, log.get("evt_3").attempts());
        assertEquals(1, store.entitlements.get("alice").version());
        assertEquals(List.of("evt_3 processed webhook"), attempts);
    }

    @Test
    void anOutcomeOtherThanTheExpectedOneIsWrittenToTheEntry() {
        StripeEvent stranger = new StripeEvent("evt_4", "customer.subscription.updated", false,
                T.minus(Duration.ofDays(1)), "sub_9", "subscription", Optional.of("cus_nobody"), Optional.empty(),
                Optional.of("sub_9"), Optional.empty(), Optional.empty(), Optional.empty(), "{}");
        assertEquals("unmatched", transaction.claimAndApply(stranger, EventSource.WEBHOOK, Optional.empty()).status());
        assertEquals(EventStatus.UNMATCHED, log.get("evt_4").status());
        assertEquals(1, outcomeWrites, "the claim said 'processed': the outcome must be written over it");
        assertEquals(List.of("evt_4 unmatched webhook"), attempts);
    }

    @Test
    void aYoungEventOfAnUnknownCustomerThrowsSoThatClaimAndAllRollBack() {
        StripeEvent young = new StripeEvent("evt_5", "invoice.paid", false, T, "in_1", "invoice",
                Optional.of("cus_nobody"), Optional.empty(), Optional.of("sub_9"), Optional.empty(),
                Optional.empty(), Optional.empty(), "{}");
        PaymentsException thrown = assertThrows(PaymentsException.class, () -> transaction.claimAndApply(young, EventSource.WEBHOOK, Optional.empty()));
        assertEquals(PaymentsException.Reason.CUSTOMER_NOT_YET_KNOWN, thrown.reason());
        assertEquals(List.of(), attempts, "a rolled-back attempt is recorded by the intake, after the rollback");
    }

    private static Subscription pastDue() {
        return new Subscription("sub_1", "cus_alice", SubscriptionStatus.PAST_DUE, List.of("price_pro"), T,
                T.plus(Duration.ofDays(30)), false, T);
    }

    private void deliver(String id, String type, Instant created, Optional<Subscription> state) {
        assertEquals("processed", transaction.claimAndApply(event(id, type, created, state), EventSource.WEBHOOK,
                Optional.empty()).status(), id);
    }

    private Instant aliceAccessUntil() {
        return store.entitlements.get("alice").grant().accessUntil();
    }

    /**
     * A charge refused in the subscription's first period after its first invoice was paid (an upgrade invoiced at
     * once): the grace days count from the refusal; a second paid invoice of the same record writes nothing.
     */
    @Test
    void aChargeRefusedAfterAPaidFirstInvoiceKeepsTheGraceDays() {
        deliver("evt_c", "customer.subscription.created", T, Optional.of(active()));
        // the first invoice is paid in the second the subscription was made: the record covers it, nothing to ask
        deliver("evt_p", "invoice.paid", T, Optional.empty());
        assertEquals(Optional.of(T), store.subscriptions.get("sub_1").invoicePaidAt());
        deliver("evt_s", "invoice.payment_succeeded", T, Optional.empty());
        assertEquals(Optional.of(T), store.subscriptions.get("sub_1").invoicePaidAt());

        deliver("evt_f", "customer.subscription.updated", T.plusSeconds(10), Optional.of(pastDue()));
        assertEquals(T.plusSeconds(10).plus(Duration.ofDays(3)), aliceAccessUntil());
        assertEquals(0, stripe.calls, "all from the events");
    }

    @Test
    void aFirstPaymentRefusedWithNoInvoiceEverPaidGrantsNothing() {
        deliver("evt_c", "customer.subscription.created", T, Optional.of(active()));
        deliver("evt_f", "customer.subscription.updated", T.plusSeconds(10), Optional.of(pastDue()));
        assertEquals(null, aliceAccessUntil());
    }

    /** Deliveries are not ordered: the paid invoice that comes after the refusal still gives the grace back. */
    @Test
    void aPaidInvoiceDeliveredAfterTheRefusalGivesTheGraceDays() {
        deliver("evt_c", "customer.subscription.created", T, Optional.of(active()));
        deliver("evt_f", "customer.subscription.updated", T.plusSeconds(10), Optional.of(pastDue()));
        assertEquals(null, aliceAccessUntil());
        deliver("evt_p", "invoice.paid", T, Optional.empty());
        assertEquals(T.plusSeconds(10).plus(Duration.ofDays(3)), aliceAccessUntil());
        assertEquals(0, stripe.calls, "the record was newer than the invoice: nothing to ask");
    }

    /** An invoice paid before any state of its subscription arrived: Stripe is asked, and the payment kept. */
    @Test
    void aPaidInvoiceBeforeItsSubscriptionIsKeptWithTheFetchedState() {
        stripe.current.put("sub_1", active());
        deliver("evt_p", "invoice.paid", T.plusSeconds(1), Optional.empty());
        assertEquals(1, stripe.calls);
        assertTrue(store.subscriptions.get("sub_1").paymentsSeen().anInvoiceWasPaid());
        assertEquals(T.plus(Duration.ofDays(30)), aliceAccessUntil());
    }
}
