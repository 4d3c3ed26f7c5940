package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.Drift;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.Grant;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import dev.tollgate.payments.domain.service.DriftRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A drift scan's page compared at once finds exactly the customers that checking each one by one finds, and
 * writes nothing: every input of the decision (the listing, our newer records, refunds and disputes, the stored
 * entitlement) is read for the page, not per customer.
 */
class DriftCheckTest {

    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T.plusSeconds(30), ZoneOffset.UTC);
    private static final Instant PERIOD_END = T.plus(Duration.ofDays(30));
    /** When the drift scan listed Stripe's subscriptions: after the payments, before carol's cancellation. */
    private static final Instant LISTED_AT = T.plusSeconds(10);

    private final InMemoryStore store = new InMemoryStore();
    private final ScriptedStripe stripe = new ScriptedStripe();
    private final List<Drift> recorded = new ArrayList<>();
    private CustomerSync sync;
    private DriftCheck driftCheck;

    @BeforeEach
    void wire() {
        sync = store.customerSync(stripe, CLOCK, CustomerSyncTest.config(false));
        driftCheck = new DriftCheck();
        driftCheck.customerSync = sync;
        driftCheck.entitlements = store.entitlementRepository();
        driftCheck.subscriptions = store.subscriptionRepository();
        driftCheck.reversals = store.reversalRepository();
        driftCheck.drifts = recording();
        driftCheck.stripe = stripe;
        driftCheck.clock = CLOCK;
    }

    @Test
    void aPageComparedAtOnceFindsTheCustomersEachCheckFindsAndWritesNothing() {
        Account alice = customer("alice"); // pays, and every event of hers applied
        sync.applyEventState(alice, subscription("alice", SubscriptionStatus.ACTIVE), T, Optional.empty());
        Account bob = customer("bob"); // pays, no event of his ever applied
        Account carol = customer("carol"); // cancelled after the listing: our record is the newer
        sync.applyEventState(carol, subscription("carol", SubscriptionStatus.CANCELED), T.plusSeconds(20),
                Optional.empty());
        Account dave = customer("dave"); // granted pro without paying (a tampered row)
        Entitlement tampered = store.entitlementRepository().findOrAdd("dave", T);
        tampered.apply(new Grant("pro", Set.of("pro"), Set.of(), SubscriptionStatus.ACTIVE, PERIOD_END, "sub_dave",
                PERIOD_END), T);
        store.entitlementRepository().update(tampered);
        Account erin = customer("erin"); // pays in Stripe's listing, but lost a dispute of this period
        sync.applyEventState(erin, subscription("erin", SubscriptionStatus.ACTIVE), T, Optional.empty());
        sync.applyReversal(erin, new Reversal("dp_erin", Reversal.Kind.DISPUTE, "cus_erin", "ch_erin", 2000, true,
                "lost", T.plusSeconds(5)), T.plusSeconds(5));
        Map<String, List<Subscription>> listed = Map.of(
                "cus_alice", List.of(subscription("alice", SubscriptionStatus.ACTIVE)),
                "cus_bob", List.of(subscription("bob", SubscriptionStatus.ACTIVE)),
                "cus_carol", List.of(subscription("carol", SubscriptionStatus.ACTIVE)),
                "cus_erin", List.of(subscription("erin", SubscriptionStatus.ACTIVE)));
        List<Account> page = List.of(alice, bob, carol, dave, erin);
        Map<String, Grant> storedBefore = storedGrants();

        Set<String> differing = driftCheck.differing(page, listed, LISTED_AT);

        assertEquals(Set.of("bob", "dave"), differing);
        assertEquals(storedBefore, storedGrants(), "comparing a page changes no entitlement");
        assertTrue(recorded.isEmpty(), "comparing a page records no difference");
        assertEquals(0, stripe.calls);
        for (Account account : page) {
            boolean found = driftCheck.check(1, account, listed.getOrDefault(account.stripeCustomerId(), List.of()),
                    LISTED_AT, false).drift().isPresent();
            assertEquals(differing.contains(account.userId()), found, account.userId());
        }
    }

    private Account customer(String user) {
        Account account = new Account(user, T);
        account.linkCustomer("cus_" + user);
        store.accounts.put(user, account);
        return account;
    }

    private static Subscription subscription(String user, SubscriptionStatus status) {
        return new Subscription("sub_" + user, "cus_" + user, status, List.of("price_pro"), T, PERIOD_END, false, T);
    }

    private Map<String, Grant> storedGrants() {
        return store.entitlements.values().stream()
                .collect(Collectors.toMap(Entitlement::userId, Entitlement::grant, (a, b) -> a, HashMap::new));
    }

    /** Differences kept in {@link #recorded}, in the order added. */
    private DriftRepository recording() {
        return new DriftRepository() {
            @Override public Drift add(Drift drift) {
                recorded.add(drift);
                return drift;
            }
            @Override public void update(Drift healed) {
                throw new UnsupportedOperationException("a check records, it never updates");
            }
            @Override public List<Drift> open(int limit) {
                return recorded.stream().filter(drift -> !drift.isHealed()).limit(limit).toList();
            }
            @Override public long countOpen() {
                return open(Integer.MAX_VALUE).size();
            }
            @Override public List<Drift> ofUser(String userId, int limit) {
                return recorded.stream().filter(drift -> drift.userId().equals(userId)).limit(limit).toList();
            }
            @Override public List<Drift> ofRun(long runId) {
                return recorded.stream().filter(drift -> drift.runId() == runId).toList();
            }
        };
    }
}
