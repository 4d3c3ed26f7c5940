package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credits bought through Checkout (once per paid Checkout, whoever reports it, however often) or granted once per key. */
class CreditGrantsTest {

    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T.plusSeconds(30), ZoneOffset.UTC);

    private final InMemoryStore store = new InMemoryStore();
    private CreditGrants grants;
    private Account alice;

    @BeforeEach
    void wire() {
        grants = store.creditGrants(CLOCK);
        alice = new Account("alice", T);
        alice.linkCustomer("cus_alice");
        store.accounts.put("alice", alice);
    }

    private static CheckoutSession paidPack(String sessionId, long credits) {
        return new CheckoutSession(sessionId, null, "cus_alice", "alice", "complete", "paid", null, credits);
    }

    private Entitlement entitlement() {
        return store.entitlements.get("alice");
    }

    @Test
    void creditsOfOnePaidSessionAreGrantedOnceHoweverOftenItIsReported() {
        CheckoutSession paid = paidPack("cs_1", 100);
        grants.grant(alice, paid);
        grants.grant(alice, paid);
        assertEquals(100, entitlement().credits());
        assertEquals(1, store.credits.size());
    }

    @Test
    void anUnpaidSessionGrantsNoCredits() {
        CheckoutSession open = new CheckoutSession("cs_2", null, "cus_alice", "alice", "open", "unpaid", null, 100);
        assertTrue(grants.grant(alice, open).isEmpty());
        assertTrue(store.credits.isEmpty());
    }

    @Test
    void theFirstGrantIsNewsForTheGateAndARepeatIsNot() {
        Optional<EntitlementChanged> first = grants.grant(alice, paidPack("cs_3", 100));
        assertEquals(Optional.of(new EntitlementChanged("alice", 1)), first);
        assertEquals(Optional.empty(), grants.grant(alice, paidPack("cs_3", 100)));
        assertEquals(1, entitlement().version(), "the repeat changed nothing the gate compares");
    }

    @Test
    void twoPaidSessionsAddUpEachUnderItsOwnKey() {
        grants.grant(alice, paidPack("cs_4", 100));
        grants.grant(alice, paidPack("cs_5", 50));
        assertEquals(150, entitlement().credits());
        assertEquals(2, entitlement().version());
        assertEquals(100, store.credits.get("cs_4").amount());
        assertEquals(50, store.credits.get("cs_5").amount());
    }

    @Test
    void aPaidSubscriptionCheckoutIsNotACreditPurchase() {
        CheckoutSession subscription = new CheckoutSession("cs_6", null, "cus_alice", "alice", "complete", "paid",
                "sub_1", 0);
        assertTrue(grants.grant(alice, subscription).isEmpty());
        assertTrue(store.credits.isEmpty());
        assertNull(entitlement(), "no entitlement row is made for it");
    }

    @Test
    void anAdminsGrantIsAddedOncePerKeyAndRecordedAsAGrant() {
        Optional<EntitlementChanged> first = grants.grantByAdmin(alice, 25, "tollgate-grant-1");
        Optional<EntitlementChanged> again = grants.grantByAdmin(alice, 25, "tollgate-grant-1");
        assertTrue(first.isPresent());
        assertTrue(again.isEmpty(), "a repeated key adds nothing");
        assertEquals(25, entitlement().credits());
        assertEquals("admin_grant", store.credits.get("admin-grant:tollgate-grant-1").reason());
        grants.grantByAdmin(alice, 5, "tollgate-grant-2");
        assertEquals(30, entitlement().credits());
    }
}
