package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.List;

/**
 * A plan bought once through a paid Checkout: the plan for its term from the moment Stripe took the payment.
 * It is kept as a subscription that never renews ({@link #asSubscription}), keyed by its Checkout Session, so that
 * the one access policy decides it with the rest: the gate enforces its plan, its term ends on time, and a full
 * refund or a lost dispute during it takes it back exactly as it would take back a subscription's period.
 *
 * @param checkoutId the paid Checkout Session, which makes the purchase exactly-once
 * @param prices the catalog prices that sell the plan, so the policy finds the plan as for a subscription
 * @param paidAt when Stripe took the payment (its PaymentIntent's {@code created})
 */
public record PlanPurchase(String checkoutId, String customerId, Plan plan, List<String> prices, Instant paidAt,
                           AccessTerm term) {

    public PlanPurchase {
        prices = List.copyOf(prices);
    }

    /** Active from the payment to the end of its term, set to end then and never to renew. */
    public Subscription asSubscription() {
        return new Subscription(checkoutId, customerId, SubscriptionStatus.ACTIVE, prices, paidAt,
                term.endOfAccess(paidAt), true, paidAt);
    }
}
