package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.service.StripeGateway;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A Stripe that answers from a map and counts the calls, so tests can say how often Stripe was asked. */
final class ScriptedStripe implements StripeGateway {

    final Map<String, Subscription> current = new HashMap<>();
    /** Refunds and disputes by their id ({@code refund:<charge>}, {@code dp_…}), as Stripe would answer now. */
    final Map<String, Reversal> reversals = new HashMap<>();
    Set<String> featureKeys = Set.of();
    int calls;

    @Override public String createCustomer(String userId, String email) { calls++; return "cus_" + userId; }
    @Override public Optional<Price> price(String ref) { calls++; return Optional.empty(); }
    @Override public CheckoutSession createCheckout(CheckoutRequest request) { throw new UnsupportedOperationException(); }
    @Override public CheckoutSession checkoutSession(String id) { throw new UnsupportedOperationException(); }
    @Override public Optional<String> customerOfCharge(String chargeId) { calls++; return Optional.empty(); }
    @Override public Set<String> activeFeatureKeys(String customerId) { calls++; return featureKeys; }

    @Override
    public Subscription subscription(String subscriptionId) {
        calls++;
        return current.get(subscriptionId);
    }

    @Override
    public Reversal currentReversal(Reversal reported) {
        calls++;
        Reversal now = reversals.get(reported.id());
        return new Reversal(now.id(), now.kind(), reported.customerId(), now.chargeId(), now.amount(), now.full(),
                now.status(), reported.created());
    }

    @Override
    public List<Subscription> subscriptionsOf(String customerId) {
        calls++;
        return current.values().stream().filter(s -> s.customerId().equals(customerId)).toList();
    }
}
