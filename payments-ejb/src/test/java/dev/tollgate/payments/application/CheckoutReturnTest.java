package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The user's return from a paid Checkout, before and after the webhook: whichever comes first makes the change, and
 * the return always answers the version the user's entitlement has, so the gate can be told of a change the webhook
 * committed but has not announced yet.
 */
class CheckoutReturnTest {

    private static final Instant T = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant NOW = T.plusSeconds(5);

    private final CheckoutWiring wiring = new CheckoutWiring(NOW);
    private final Subscription active = new Subscription("sub_1", "cus_alice", SubscriptionStatus.ACTIVE,
            List.of("price_pro"), T, T.plus(Duration.ofDays(30)), false, T);

    @BeforeEach
    void aliceOpensACheckoutAndPays() {
        wiring.checkout.startCheckout("alice", "price_pro", change -> { });
        wiring.stripe.sessions.put("cs_1", new CheckoutSession("cs_1", null, "cus_alice", "alice", "complete", "paid",
                "sub_1", 0, active));
    }

    @Test
    void aReturnBeforeTheWebhookMakesTheChangeAndAnswersItsVersion() {
        ConfirmedReturn confirmed = wiring.checkout.confirmReturn("alice", "cs_1");

        long version = wiring.store.entitlements.get("alice").version();
        assertEquals(Optional.of(new EntitlementChanged("alice", version)), confirmed.change());
        assertEquals(version, confirmed.versionNow());
        assertEquals("pro", wiring.store.entitlements.get("alice").plan());
    }

    @Test
    void aReturnAfterTheWebhookMakesNoChangeAndAnswersTheVersionTheWebhookWrote() {
        wiring.handlers.handle(new StripeEvent("evt_1", "customer.subscription.created", false, T, "sub_1",
                "subscription", Optional.of("cus_alice"), Optional.empty(), Optional.of("sub_1"), Optional.of(active),
                Optional.empty(), Optional.empty(), "{}"));
        long written = wiring.store.entitlements.get("alice").version();
        assertTrue(written > 0, "the webhook granted access");

        ConfirmedReturn confirmed = wiring.checkout.confirmReturn("alice", "cs_1");

        assertEquals(Optional.empty(), confirmed.change(), "the webhook made the change");
        assertEquals(written, confirmed.versionNow());
        assertEquals(ConfirmedReturn.alreadyAt(written), wiring.checkout.confirmReturn("alice", "cs_1"),
                "a reload answers the same");
    }
}
