package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.FormerCustomer;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Stripe customer deleted under a paying user: access ends, the account lets go of the customer and keeps it in
 * the user's history, the next checkout gets a new customer under a new idempotency key, and the deleted
 * customer's late events change nothing. Checkout, the event handlers and the sync on the in-memory store.
 */
class DeletedCustomerTest {

    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant NOW = T.plusSeconds(60);
    private static final Instant PERIOD_END = T.plus(Duration.ofDays(30));

    private final CheckoutWiring wiring = new CheckoutWiring(NOW);
    private final InMemoryStore store = wiring.store;
    private final ScriptedStripe stripe = wiring.stripe;
    private final CheckoutService checkout = wiring.checkout;
    private final EventHandlers handlers = wiring.handlers;
    private final EntitlementService service = wiring.service;
    private final List<EntitlementChanged> published = new ArrayList<>();

    @Test
    void theSameUserSubscribesAgainWithANewCustomerAndTheDeletedOneIsKeptAndChangesNothing() {
        checkout.startCheckout("alice", "price_pro", published::add);
        assertEquals("cus_alice", stripe.checkouts.get(0).customerId());
        assertEquals(1, store.openedCheckouts.size(), "the Checkout opened is recorded");
        assertTrue(store.openedCheckouts.values().iterator().next().isSettled(), "a subscription's: settled at once");
        handle(subscriptionEvent("customer.subscription.created", "sub_1", "cus_alice", SubscriptionStatus.ACTIVE,
                T));
        assertEquals(PERIOD_END, entitlement().accessUntil());

        stripe.deletedCustomers.add("cus_alice");
        assertEquals(EventStatus.PROCESSED, handle(customerDeleted("cus_alice", T.plusSeconds(10))).status());

        assertNull(entitlement().accessUntil(), "access ends with the customer's subscriptions");
        assertEquals("canceled", store.subscriptions.get("sub_1").status());
        assertNull(store.accounts.get("alice").stripeCustomerId(), "the account lets go of the deleted customer");
        assertEquals(List.of(new FormerCustomer("alice", "cus_alice", NOW)),
                store.accountRepository().formerCustomers("alice"), "the deleted customer stays in the history");
        long versionAfterDeletion = entitlement().version();
        int stripeCallsAfterDeletion = stripe.calls;

        // Late reports of the deleted customer: an active state newer than the deletion, its Checkout, a twin.
        assertDeletedCustomersEvent(handle(subscriptionEvent("customer.subscription.updated", "sub_1", "cus_alice",
                SubscriptionStatus.ACTIVE, T.plusSeconds(20))));
        assertDeletedCustomersEvent(handle(checkoutCompleted("cus_alice", "sub_1", T.plusSeconds(5))));
        assertDeletedCustomersEvent(handle(customerDeleted("cus_alice", T.plusSeconds(10))));
        assertNull(store.accounts.get("alice").stripeCustomerId(), "never linked again");
        assertEquals(versionAfterDeletion, entitlement().version(), "nothing granted from the deleted customer");
        assertEquals(stripeCallsAfterDeletion, stripe.calls, "Stripe is not asked about a deleted customer");

        checkout.startCheckout("alice", "price_pro", published::add);

        assertEquals(List.of("customer:alice", "customer:alice:2"), List.copyOf(stripe.customersByKey.keySet()),
                "a new idempotency key, so Stripe cannot answer with the deleted customer");
        assertEquals("cus_alice_2", stripe.checkouts.get(1).customerId());
        assertEquals("cus_alice_2", store.accounts.get("alice").stripeCustomerId());
        handle(subscriptionEvent("customer.subscription.created", "sub_2", "cus_alice_2", SubscriptionStatus.ACTIVE,
                T.plusSeconds(30)));
        assertEquals(PERIOD_END, entitlement().accessUntil(), "access again, from the new subscription");

        assertDeletedCustomersEvent(handle(subscriptionEvent("customer.subscription.deleted", "sub_1", "cus_alice",
                SubscriptionStatus.CANCELED, T.plusSeconds(40))));
        assertEquals(PERIOD_END, entitlement().accessUntil(), "the old customer's end takes nothing from the new");
        assertEquals("cus_alice_2", store.accounts.get("alice").stripeCustomerId());
    }

    @Test
    void aCheckoutBeforeCustomerDeletedArrivedAppliesTheDeletionAndGoesOnWithANewCustomer() {
        checkout.startCheckout("alice", "price_pro", published::add);
        handle(subscriptionEvent("customer.subscription.created", "sub_1", "cus_alice", SubscriptionStatus.ACTIVE,
                T));
        long versionWithAccess = entitlement().version();
        stripe.deletedCustomers.add("cus_alice"); // its customer.deleted is still on the way

        String url = checkout.startCheckout("alice", "price_pro", published::add);

        assertEquals("https://checkout.test/cs_2", url, "not the portal: Stripe refused it for the deleted customer");
        assertEquals("cus_alice_2", stripe.checkouts.get(1).customerId());
        assertEquals("cus_alice_2", store.accounts.get("alice").stripeCustomerId());
        assertEquals(List.of(new FormerCustomer("alice", "cus_alice", NOW)),
                store.accountRepository().formerCustomers("alice"));
        assertNull(entitlement().accessUntil(), "the deleted customer's subscription ended with it");
        assertEquals(List.of(new EntitlementChanged("alice", versionWithAccess + 1)), published,
                "the change is told to the gate's board");

        assertDeletedCustomersEvent(handle(customerDeleted("cus_alice", T.plusSeconds(10))));
        assertEquals("cus_alice_2", store.accounts.get("alice").stripeCustomerId(), "the late event changes nothing");
    }

    @Test
    void aCheckoutStripeRefusesForAnotherReasonIsRefusedAndChangesNothing() {
        checkout.startCheckout("alice", "price_pro", published::add);
        stripe.refuseCheckouts = true;

        assertThrows(StripeRejectedException.class, () -> checkout.startCheckout("alice", "price_pro",
                published::add));

        assertEquals("cus_alice", store.accounts.get("alice").stripeCustomerId());
        assertEquals(List.of(), store.accountRepository().formerCustomers("alice"));
        assertEquals(List.of(), published);
    }

    @Test
    void aDeletedCustomerStripeReplaysForAnOldKeyIsNeverLinked() {
        Account alice = new Account("alice", T);
        store.accounts.put("alice", alice);
        store.accountRepository().addFormerCustomer(new FormerCustomer("alice", "cus_alice", T));

        Account answered = service.linkCustomer("alice", "cus_alice");

        assertNull(answered.stripeCustomerId());
        assertNull(store.accounts.get("alice").stripeCustomerId());
        assertEquals("customer:alice:2", service.customerCreationKey("alice"));
        assertEquals("cus_alice_2", service.linkCustomer("alice", "cus_alice_2").stripeCustomerId());
    }

    private HandlerResult handle(StripeEvent event) {
        return handlers.handle(event);
    }

    private static void assertDeletedCustomersEvent(HandlerResult result) {
        assertEquals(EventStatus.IGNORED, result.status(), result.note());
        assertEquals("the customer was deleted in Stripe; its events change nothing", result.note());
    }

    private Entitlement entitlement() {
        return store.entitlements.get("alice");
    }

    private static StripeEvent subscriptionEvent(String type, String subscriptionId, String customerId,
                                                 SubscriptionStatus status, Instant created) {
        Subscription state = new Subscription(subscriptionId, customerId, status, List.of("price_pro"), T,
                PERIOD_END, false, T);
        return new StripeEvent("evt_" + type + created, type, false, created, subscriptionId, "subscription",
                Optional.of(customerId), Optional.empty(), Optional.of(subscriptionId), Optional.of(state),
                Optional.empty(), Optional.empty(), "{}");
    }

    private static StripeEvent customerDeleted(String customerId, Instant created) {
        return new StripeEvent("evt_deleted" + created, "customer.deleted", false, created, customerId, "customer",
                Optional.of(customerId), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "{}");
    }

    private static StripeEvent checkoutCompleted(String customerId, String subscriptionId, Instant created) {
        CheckoutSession session = new CheckoutSession("cs_old", null, customerId, "alice", "complete", "paid",
                subscriptionId, 0);
        return new StripeEvent("evt_cs" + created, "checkout.session.completed", false, created, "cs_old",
                "checkout.session", Optional.of(customerId), Optional.of("alice"), Optional.of(subscriptionId),
                Optional.empty(), Optional.empty(), Optional.of(session), "{}");
    }
}
