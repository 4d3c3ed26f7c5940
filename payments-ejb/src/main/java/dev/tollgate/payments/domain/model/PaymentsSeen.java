package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the events told us of one subscription's payments, which its Stripe object does not say: whether an invoice
 * of it was ever paid, and since when it is past_due. Kept on our subscription record.
 *
 * @param invoicePaidAt when an invoice of it was first reported paid; null while none was
 * @param pastDueSince the Stripe moment it became past_due; null when not past_due or not known
 */
public record PaymentsSeen(String subscriptionId, Instant invoicePaidAt, Instant pastDueSince) {

    /** Nothing seen: the policy then judges from Stripe's state alone. */
    public static PaymentsSeen none(String subscriptionId) {
        return new PaymentsSeen(subscriptionId, null, null);
    }

    public boolean anInvoiceWasPaid() {
        return invoicePaidAt != null;
    }

    public Optional<Instant> pastDueSinceIfKnown() {
        return Optional.ofNullable(pastDueSince);
    }

    /** What the records tell, by subscription id; a subscription without a record has seen nothing. */
    public static Function<String, PaymentsSeen> of(Collection<SubscriptionRecord> records) {
        Map<String, PaymentsSeen> seen = records.stream().map(SubscriptionRecord::paymentsSeen)
                .collect(Collectors.toMap(PaymentsSeen::subscriptionId, Function.identity(), (a, b) -> a));
        return id -> seen.getOrDefault(id, none(id));
    }

    /** For a decision from Stripe's state alone. */
    public static Function<String, PaymentsSeen> nothing() {
        return PaymentsSeen::none;
    }
}
