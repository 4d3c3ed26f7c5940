package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.OpenedCheckout;
import java.time.Instant;
import java.util.List;

/** The Checkouts Tollgate opened ({@link OpenedCheckout}); joins the caller's transaction. */
public interface OpenedCheckouts {

    /** Records a Checkout Stripe just opened. */
    void add(OpenedCheckout opened);

    /** Marks it settled, unless it is already (or was never recorded: opened before recording began). */
    void settle(String checkoutId, OpenedCheckout.Settlement how, Instant at);

    /** One-time purchases (payment mode) not settled, oldest first, at most {@code limit}. */
    List<OpenedCheckout> unsettledPurchases(int limit);

    /** Since when every Checkout opened is recorded: before it, only Stripe's listing knows them. */
    Instant recordedSince();
}
