package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.ListedOrder;
import dev.tollgate.payments.domain.model.StripeEvent;
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

/**
 * Two states of one subscription in one second, and signals met before their subscription's own event, as a
 * catch-up applies them: ordered by Stripe's listing (newest first, also within a second), without asking Stripe;
 * the same on the webhook path, which has no listing, asks Stripe (ARCHITECTURE.md rule 2).
 */
class CatchUpOrderTest {

    private static final Instant T = Instant.parse("2026-12-04T07:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T.plusSeconds(600), ZoneOffset.UTC);
    private static final Instant PERIOD_END = T.plus(Duration.ofDays(30));

    private final InMemoryStore store = new InMemoryStore();
    private final ScriptedStripe stripe = new ScriptedStripe();
    private final CustomerSync sync = store.customerSync(stripe, CLOCK, CustomerSyncTest.config(false));
    private final Account alice = new Account("alice", T);

    @BeforeEach
    void linkAlice() {
        alice.linkCustomer("cus_alice");
        store.accounts.put("alice", alice);
    }

    @Test
    void aSameSecondPairInACatchUpTakesTheLaterListedStateWithoutAskingStripe() {
        StripeEvent updated = stateEvent("evt_updated", SubscriptionStatus.ACTIVE, T);
        StripeEvent created = stateEvent("evt_created", SubscriptionStatus.INCOMPLETE, T);
        ListedOrder order = listed(updated, created); // newest first, as Stripe lists

        try (ListedOrder.Scope listing = order.open()) {
            apply(order, created);
            apply(order, updated);
        }

        assertEquals("active", store.subscriptions.get("sub_1").status(), "the state listed first is the later one");
        assertEquals(PERIOD_END, store.entitlements.get("alice").accessUntil());
        assertEquals(0, stripe.calls, "no tie fetch");
    }

    @Test
    void aSameSecondStateListedAfterTheStoredOneIsOlderAndIgnoredWithoutAskingStripe() {
        StripeEvent canceled = stateEvent("evt_canceled", SubscriptionStatus.CANCELED, T);
        StripeEvent active = stateEvent("evt_active", SubscriptionStatus.ACTIVE, T);
        ListedOrder order = listed(canceled, active);

        try (ListedOrder.Scope listing = order.open()) {
            apply(order, canceled); // applied first: its page came first
            apply(order, active);
        }

        assertEquals("canceled", store.subscriptions.get("sub_1").status());
        assertEquals(0, stripe.calls);
    }

    @Test
    void theSamePairDeliveredByWebhookAsksStripeAsBefore() {
        stripe.current.put("sub_1", state(SubscriptionStatus.ACTIVE));
        ListedOrder order = listed(stateEvent("evt_updated", SubscriptionStatus.ACTIVE, T));

        try (ListedOrder.Scope listing = order.open()) {
            apply(order, stateEvent("evt_updated", SubscriptionStatus.ACTIVE, T));
        }
        Subscription incomplete = state(SubscriptionStatus.INCOMPLETE);
        sync.settlingTiesOutsideTheLock(asked -> sync.applyEventState(alice, incomplete, T, asked)); // no listing

        assertEquals(1, stripe.calls, "a true tie outside a catch-up is asked of Stripe");
        assertEquals("active", store.subscriptions.get("sub_1").status(), "Stripe's current state kept");
    }

    @Test
    void anInvoiceListedBeforeItsSubscriptionsOwnLaterEventWaitsForIt() {
        apply(null, stateEvent("evt_old", SubscriptionStatus.INCOMPLETE, T)); // stored earlier, a second before
        StripeEvent renewed = stateEvent("evt_renewed", SubscriptionStatus.ACTIVE, T.plusSeconds(1));
        StripeEvent invoice = invoiceEvent("evt_invoice", T.plusSeconds(1));
        ListedOrder order = listed(renewed, invoice);
        order.willPass(List.of(invoice, renewed));

        try (ListedOrder.Scope listing = order.open()) {
            applyInvoice(order, invoice);
            apply(order, renewed);
        }

        assertEquals(0, stripe.calls, "the invoice waits for the subscription's own event");
        assertEquals("active", store.subscriptions.get("sub_1").status());
    }

    @Test
    void anInvoiceWhoseSubscriptionEventThisRunDoesNotPassAsksStripe() {
        apply(null, stateEvent("evt_old", SubscriptionStatus.INCOMPLETE, T));
        stripe.current.put("sub_1", state(SubscriptionStatus.ACTIVE));
        StripeEvent renewed = stateEvent("evt_renewed", SubscriptionStatus.ACTIVE, T.plusSeconds(1));
        StripeEvent invoice = invoiceEvent("evt_invoice", T.plusSeconds(1));
        ListedOrder order = listed(renewed, invoice);
        order.willPass(List.of(invoice)); // the subscription's event was logged before (say, it failed then)

        try (ListedOrder.Scope listing = order.open()) {
            applyInvoice(order, invoice);
        }

        assertEquals(1, stripe.calls);
        assertEquals("active", store.subscriptions.get("sub_1").status());
    }

    @Test
    void anInvoiceListedAfterTheNewestStateOfItsSubscriptionWhichIsStoredAsksNothing() {
        StripeEvent invoice = invoiceEvent("evt_invoice", T.plusSeconds(1));
        StripeEvent active = stateEvent("evt_active", SubscriptionStatus.ACTIVE, T);
        ListedOrder order = listed(invoice, active);
        order.willPass(List.of(active, invoice));

        try (ListedOrder.Scope listing = order.open()) {
            apply(order, active);
            applyInvoice(order, invoice);
        }

        assertEquals(0, stripe.calls, "no state listed since the one stored: the invoice has nothing to add");
        assertEquals("active", store.subscriptions.get("sub_1").status(), "the stored state kept");
    }

    @Test
    void anInvoiceWhoseSubscriptionsNewestListedStateIsNotTheStoredOneAsksStripe() {
        apply(null, stateEvent("evt_webhook", SubscriptionStatus.PAST_DUE, T)); // stored from elsewhere
        stripe.current.put("sub_1", state(SubscriptionStatus.ACTIVE));
        StripeEvent invoice = invoiceEvent("evt_invoice", T.plusSeconds(1));
        ListedOrder order = listed(invoice, stateEvent("evt_active", SubscriptionStatus.ACTIVE, T));

        try (ListedOrder.Scope listing = order.open()) {
            applyInvoice(order, invoice);
        }

        assertEquals(1, stripe.calls);
        assertEquals("active", store.subscriptions.get("sub_1").status());
    }

    /** The event's state applied as the subscription handler does, with the listing's place of the event. */
    private void apply(ListedOrder order, StripeEvent event) {
        if (order != null) {
            order.applying(event);
        }
        Subscription state = event.subscription().orElseThrow();
        sync.settlingTiesOutsideTheLock(asked -> sync.applyEventState(alice, state, event.created(), asked));
    }

    /** The invoice applied as the invoice handler does: its subscription refreshed, a record of its second enough. */
    private void applyInvoice(ListedOrder order, StripeEvent invoice) {
        order.applying(invoice);
        sync.refreshSubscription(alice, "sub_1", invoice.created(), true,
                sync.askStripeToRefresh("sub_1", invoice.created(), true));
    }

    private static ListedOrder listed(StripeEvent... newestFirst) {
        ListedOrder order = new ListedOrder();
        for (StripeEvent event : newestFirst) {
            order.listed(event);
        }
        return order;
    }

    private static Subscription state(SubscriptionStatus status) {
        return new Subscription("sub_1", "cus_alice", status, List.of("price_pro"), T, PERIOD_END, false, T);
    }

    private static StripeEvent stateEvent(String id, SubscriptionStatus status, Instant created) {
        return new StripeEvent(id, "customer.subscription.updated", false, created, "sub_1", "subscription",
                Optional.of("cus_alice"), Optional.empty(), Optional.of("sub_1"), Optional.of(state(status)),
                Optional.empty(), Optional.empty(), "{}");
    }

    private static StripeEvent invoiceEvent(String id, Instant created) {
        return new StripeEvent(id, "invoice.paid", false, created, "in_" + id, "invoice", Optional.of("cus_alice"),
                Optional.empty(), Optional.of("sub_1"), Optional.empty(), Optional.empty(), Optional.empty(), "{}");
    }
}
