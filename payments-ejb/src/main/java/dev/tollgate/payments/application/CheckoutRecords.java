package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.OpenedCheckout;
import dev.tollgate.payments.domain.service.OpenedCheckouts;
import dev.tollgate.payments.domain.service.StripeGateway.CheckoutRequest;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The record of the Checkouts Tollgate opens, each call its own short transaction: written when Stripe answers with a
 * new Checkout, read by the drift scan, which asks Stripe only about the one-time purchases not settled yet.
 */
@Stateless
@Dependent
@Transactional
public class CheckoutRecords {

    @Inject
    OpenedCheckouts opened;

    @Inject
    Clock clock;

    /** Records the Checkout Stripe opened for {@code asked}. */
    public void opened(String checkoutId, String userId, CheckoutRequest asked) {
        String sells = asked.credits() > 0 ? "credits:" + asked.credits()
                : asked.planBoughtOnce() != null ? "plan-once:" + asked.planBoughtOnce() : "subscription";
        opened.add(OpenedCheckout.opened(checkoutId, userId, asked.customerId(), asked.price().recurring(),
                asked.price().id(), sells, clock.instant()));
    }

    /** One-time purchases not settled, oldest first, at most {@code limit}. */
    public List<OpenedCheckout> unsettledPurchases(int limit) {
        return opened.unsettledPurchases(limit);
    }

    /** Marks them settled: nothing more can come of them. */
    public void settle(List<String> checkoutIds, OpenedCheckout.Settlement how) {
        Instant now = clock.instant();
        checkoutIds.forEach(id -> opened.settle(id, how, now));
    }

    /** Since when every Checkout opened is recorded. */
    public Instant recordedSince() {
        return opened.recordedSince();
    }
}
