package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Dispute;
import dev.tollgate.payments.domain.model.Invoice;
import dev.tollgate.payments.domain.model.Payment;
import dev.tollgate.payments.domain.model.RefundReason;
import dev.tollgate.payments.domain.model.PriceTag;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.StripePage;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.Trial;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The part of Stripe Tollgate uses, in domain words. Implementations translate Stripe's types and errors; no
 * Stripe class crosses this interface.
 */
public interface StripeGateway {

    /**
     * Creates a customer for a user, its metadata naming the user. Every call with the same {@code idempotencyKey}
     * within Stripe's 24 hours returns the same customer ({@link dev.tollgate.payments.domain.model.Account#customerCreationKey}).
     */
    String createCustomer(String userId, String idempotencyKey);

    /** Whether Stripe deleted the customer (Stripe then refuses every use of it with "No such customer"). */
    boolean isDeleted(String customerId);

    /** Looks a price up by id or lookup key; empty when Stripe does not know it. */
    Optional<Price> price(String priceIdOrLookupKey);

    /**
     * What the prices named cost, for a pricing page: each once, in the order named; a name Stripe does not know is
     * left out. Lookup keys are listed together (one call per ten), a price id is one call.
     */
    List<PriceTag> prices(Collection<String> priceIdsOrLookupKeys);

    CheckoutSession createCheckout(CheckoutRequest request);

    /**
     * A Checkout Session with the subscription it created, in one call (the subscription expanded), so that the
     * return page needs no second one.
     */
    CheckoutSession checkoutSession(String sessionId);

    /**
     * A customer portal session for the customer, which sends the user back to {@code returnUrl}.
     *
     * @return the URL of Stripe's hosted portal page
     */
    String createPortalSession(String customerId, String returnUrl);

    /** The current state of one subscription. */
    Subscription subscription(String subscriptionId);

    /** The customer a charge belongs to (disputes name only the charge). */
    Optional<String> customerOfCharge(String chargeId);

    /**
     * The current state of a refunded charge or a dispute, for reports that cannot be ordered (two of one
     * second): the charge with its refunds, or the dispute. Keeps the reported customer and moment.
     */
    Reversal currentReversal(Reversal reported);

    /** The customer's charges, paid or not, newest first: Stripe's first page of 100. */
    List<Payment> paymentsOf(String customerId);

    /**
     * The customer's newest invoices, whatever their status: one call of at most {@code limit} (1 to 100), newest
     * first; the page says whether Stripe holds more.
     */
    StripePage<Invoice> invoicesOf(String customerId, int limit);

    /** One charge as it is now. */
    Payment payment(String chargeId);

    /**
     * Gives {@code amount} of the charge back. Every call with the same {@code idempotencyKey} within Stripe's 24
     * hours returns the first call's refund instead of making another (a double-clicked form refunds once).
     */
    IssuedRefund refund(String chargeId, long amount, RefundReason reason, String idempotencyKey);

    /** One page (one call, 100) of every dispute, newest first, each with its charge's customer. */
    StripePage<Dispute> disputes(Optional<String> startingAfter);

    /** The lookup keys of the features Stripe Entitlements currently lists for the customer. */
    Set<String> activeFeatureKeys(String customerId);

    /** Every subscription of the customer, whatever its status. */
    List<Subscription> subscriptionsOf(String customerId);

    /**
     * One page (one call, 100 events) of the events Stripe still keeps (30 days) that were created at or after
     * {@code since} (whole seconds) and are of one of {@code types}, newest first, continuing after
     * {@code startingAfter}. Each event is read exactly as a webhook delivery of the same JSON would be, payload
     * included.
     *
     * @param types at most 20 (Stripe's limit); empty for every type
     * @throws IllegalArgumentException for more than 20 types
     */
    StripePage<StripeEvent> events(Instant since, Set<String> types, Optional<String> startingAfter);

    /**
     * One page (one call, 100) of every subscription of every customer, whatever its status, newest first, read as
     * {@link #subscription} reads one.
     */
    StripePage<Subscription> allSubscriptions(Optional<String> startingAfter);

    /**
     * One page (one call, 100) of the Checkouts Stripe lists as {@code complete}, of every mode, created at or after
     * {@code since} (whole seconds; empty: whenever) and before {@code before} (whole seconds; empty: up to now),
     * newest first, continuing after {@code startingAfter}, each read as {@link #checkoutSession} reads one but
     * without its subscription. Stripe lists a Checkout by when it was opened, not when it was paid.
     */
    StripePage<CheckoutSession> completedCheckouts(Optional<Instant> since, Optional<Instant> before,
                                                   Optional<String> startingAfter);

    /**
     * Whether any Checkout opened at or after {@code since} (empty: whenever) and before {@code before} (empty: up to
     * now) is still open (one call, limit 1): it may be paid later.
     */
    boolean anyCheckoutStillOpen(Optional<Instant> since, Optional<Instant> before);

    /**
     * Paces this thread's calls through this gateway until the returned stretch is closed
     * ({@link PoliteStripeCalls}); open it with try-with-resources, and close it on the same thread. Stretches nest:
     * a call in the inner one is paced by both and counted in both.
     *
     * @param requestsPerSecond the most requests per second this thread may send; finite and above 0
     * @throws IllegalArgumentException for any other rate
     */
    PoliteStripeCalls politely(double requestsPerSecond);

    /** A refund Stripe made (or had made under the same idempotency key). */
    record IssuedRefund(String id, String chargeId, long amount, String currency, String status) {
    }

    /** A price as far as checkout cares. */
    record Price(String id, String lookupKey, boolean recurring) {
    }

    /**
     * What to sell to whom, and where Checkout sends the user afterwards.
     *
     * @param credits credits a one-time price buys (recorded in the session's metadata), 0 for a plan
     * @param trial   the free trial the subscription starts with, or null
     * @param planBoughtOnce the plan a one-time price buys (recorded in the session's metadata), or null
     */
    record CheckoutRequest(String customerId, String userId, Price price, long credits, Trial trial,
                           String planBoughtOnce, String successUrl, String cancelUrl) {
    }
}
