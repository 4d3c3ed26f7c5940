package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.PriceTag;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.StripePage;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.service.PoliteStripeCalls;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    /** Prices for sale, by id or lookup key. */
    final Map<String, Price> prices = new HashMap<>();
    /** What each price costs, for {@link #prices}. */
    final List<PriceTag> priceTags = new ArrayList<>();
    /** What {@link #prices} throws instead of answering, e.g. Stripe down; null = it answers. */
    RuntimeException pricesFailure;
    /** Customers by the idempotency key that created them: Stripe answers a key it knows with its customer. */
    final Map<String, String> customersByKey = new LinkedHashMap<>();
    /** Customers deleted in Stripe: a Checkout Session for one is refused, as Stripe refuses it. */
    final Set<String> deletedCustomers = new HashSet<>();
    final List<CheckoutRequest> checkouts = new ArrayList<>();
    /** What {@link #checkoutSession} answers, by id. */
    final Map<String, CheckoutSession> sessions = new HashMap<>();
    /** The customers a portal session was opened for. */
    final List<String> portalSessions = new ArrayList<>();
    /** Whether Stripe refuses every Checkout Session, as for a price that is no longer active. */
    boolean refuseCheckouts;
    /** Events Stripe keeps, in the order they happened. */
    final List<StripeEvent> events = new ArrayList<>();
    /** How many objects one list page holds (Stripe: up to 100). */
    int pageSize = 100;
    int calls;
    /** The pace asked for by the last {@link #politely} stretch, and whether one is open. */
    double politeRate;
    boolean polite;

    /** The first customer of a user is {@code cus_<user>}, the next ones {@code cus_<user>_<n>}. */
    @Override
    public String createCustomer(String userId, String idempotencyKey) {
        calls++;
        if (!customersByKey.containsKey(idempotencyKey)) {
            long made = customersByKey.values().stream().filter(id -> id.startsWith("cus_" + userId)).count();
            customersByKey.put(idempotencyKey, "cus_" + userId + (made == 0 ? "" : "_" + (made + 1)));
        }
        return customersByKey.get(idempotencyKey);
    }

    @Override
    public boolean isDeleted(String customerId) {
        calls++;
        return deletedCustomers.contains(customerId);
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        calls++;
        if (refuseCheckouts) {
            throw new StripeRejectedException("Stripe refused the request: The price is not active", null);
        }
        if (deletedCustomers.contains(request.customerId())) {
            throw new StripeRejectedException("Stripe refused the request: No such customer: '"
                    + request.customerId() + "'", null);
        }
        checkouts.add(request);
        String id = "cs_" + checkouts.size();
        return new CheckoutSession(id, "https://checkout.test/" + id, request.customerId(), request.userId(),
                "open", "unpaid", null, request.credits());
    }

    /** Lists the tags whose id or lookup key is named, or fails with {@link #pricesFailure} when one is set. */
    @Override public List<PriceTag> prices(Collection<String> names) {
        calls++;
        if (pricesFailure != null) {
            throw pricesFailure;
        }
        return priceTags.stream().filter(tag -> names.stream().anyMatch(tag::isNamedBy)).toList();
    }
    @Override public Optional<Price> price(String ref) { calls++; return Optional.ofNullable(prices.get(ref)); }
    @Override public CheckoutSession checkoutSession(String id) {
        calls++;
        return java.util.Objects.requireNonNull(sessions.get(id), "no session scripted: " + id);
    }
    /** Refused for a deleted customer, as Stripe refuses every use of one. */
    @Override public String createPortalSession(String customerId, String returnUrl) {
        calls++;
        if (deletedCustomers.contains(customerId)) {
            throw new StripeRejectedException("No such customer: '" + customerId + "'", null);
        }
        portalSessions.add(customerId);
        return "https://portal.test/" + customerId;
    }
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

    @Override
    public StripePage<StripeEvent> events(Instant since, Set<String> types, Optional<String> startingAfter) {
        calls++;
        List<StripeEvent> newestFirst = new ArrayList<>(events.stream()
                .filter(e -> !e.created().isBefore(since) && types.contains(e.type())).toList());
        java.util.Collections.reverse(newestFirst);
        return page(newestFirst, StripeEvent::id, startingAfter);
    }

    @Override
    public StripePage<Subscription> allSubscriptions(Optional<String> startingAfter) {
        calls++;
        List<Subscription> newestFirst = current.values().stream()
                .sorted(Comparator.comparing(Subscription::created).thenComparing(Subscription::id).reversed())
                .toList();
        return page(newestFirst, Subscription::id, startingAfter);
    }

    @Override
    public StripePage<CheckoutSession> completedCheckouts(Optional<Instant> since, Optional<Instant> before,
                                                          Optional<String> startingAfter) {
        calls++;
        return page(List.of(), CheckoutSession::id, startingAfter);
    }

    @Override
    public boolean anyCheckoutStillOpen(Optional<Instant> since, Optional<Instant> before) {
        calls++;
        return false;
    }

    private <T> StripePage<T> page(List<T> newestFirst, java.util.function.Function<T, String> id,
                                   Optional<String> startingAfter) {
        int from = startingAfter.map(after -> {
            for (int i = 0; i < newestFirst.size(); i++) {
                if (id.apply(newestFirst.get(i)).equals(after)) {
                    return i + 1;
                }
            }
            throw new StripeRejectedException("No such object: " + after, null);
        }).orElse(0);
        int to = Math.min(newestFirst.size(), from + pageSize);
        List<T> items = newestFirst.subList(from, to);
        return new StripePage<>(items, to < newestFirst.size() ? Optional.of(id.apply(items.get(items.size() - 1)))
                : Optional.empty());
    }

    // Refunds and disputes are proved against the emulator (the console's browser test), not scripted here.
    @Override public List<dev.tollgate.payments.domain.model.Payment> paymentsOf(String customerId) {
        throw new UnsupportedOperationException();
    }

    @Override public StripePage<dev.tollgate.payments.domain.model.Invoice> invoicesOf(String customerId, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override public dev.tollgate.payments.domain.model.Payment payment(String chargeId) {
        throw new UnsupportedOperationException();
    }

    @Override public IssuedRefund refund(String chargeId, long amount,
                                         dev.tollgate.payments.domain.model.RefundReason reason, String key) {
        throw new UnsupportedOperationException();
    }

    @Override public StripePage<dev.tollgate.payments.domain.model.Dispute> disputes(Optional<String> after) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PoliteStripeCalls politely(double requestsPerSecond) {
        politeRate = requestsPerSecond;
        polite = true;
        int before = calls;
        return new PoliteStripeCalls() {
            @Override public long callsMade() { return calls - before; }
            @Override public void close() { polite = false; }
        };
    }
}
