package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.SubscriptionItem;
import dev.tollgate.payments.domain.model.Payment;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * stripe-java's objects, as Stripe's API answers them, in domain words. Event payloads do not come through
 * here: {@link StripeEventReader} streams them for the same fields and uses only the credits metadata key and
 * parser below.
 */
final class StripeTranslation {

    /** Checkout Session metadata key holding the credits a one-time purchase buys; set by us at creation. */
    static final String CREDITS_METADATA = "tollgate_credits";
    /** Checkout Session metadata key naming the plan a one-time purchase buys; set by us at creation. */
    static final String PLAN_METADATA = "tollgate_plan";

    private StripeTranslation() {
    }

    /** The credits recorded in a session's metadata; anything unreadable counts as none. */
    static long credits(String metadataValue) {
        try {
            return metadataValue == null ? 0 : Math.max(0, Long.parseLong(metadataValue));
        } catch (NumberFormatException notOurs) {
            return 0;
        }
    }

    /** Since API 2025-03-31.basil the billing period lives on the items; the subscription's is their span. */
    static Subscription subscription(com.stripe.model.Subscription subscription) {
        List<SubscriptionItem> items = subscription.getItems() == null || subscription.getItems().getData() == null
                ? List.of() : subscription.getItems().getData();
        List<String> prices = items.stream().map(SubscriptionItem::getPrice).filter(Objects::nonNull)
                .flatMap(price -> Stream.of(price.getId(), price.getLookupKey())).filter(Objects::nonNull).toList();
        Instant periodStart = items.stream().map(SubscriptionItem::getCurrentPeriodStart).filter(Objects::nonNull)
                .min(Long::compare).map(Instant::ofEpochSecond).orElse(null);
        Instant periodEnd = items.stream().map(SubscriptionItem::getCurrentPeriodEnd).filter(Objects::nonNull)
                .max(Long::compare).map(Instant::ofEpochSecond).orElse(null);
        return new Subscription(subscription.getId(), subscription.getCustomer(),
                SubscriptionStatus.fromStripe(subscription.getStatus()), prices, periodStart, periodEnd,
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()),
                Instant.ofEpochSecond(subscription.getCreated() == null ? 0 : subscription.getCreated()));
    }

    /**
     * A charge's refunds so far, in the same words as a {@code charge.refunded} event's payload
     * ({@code StripeEventReader}): one record per charge, full once the whole amount went back.
     */
    static Reversal refundsOf(Charge charge, Instant reportedAt) {
        boolean full = Boolean.TRUE.equals(charge.getRefunded());
        return new Reversal("refund:" + charge.getId(), Reversal.Kind.REFUND, charge.getCustomer(), charge.getId(),
                charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded(), full,
                full ? "refunded" : "partially_refunded", reportedAt);
    }

    /** A dispute as a {@code charge.dispute.*} event reports it; the customer is the one its charge names. */
    static Reversal dispute(Dispute dispute, String customerId, Instant reportedAt) {
        return new Reversal(dispute.getId(), Reversal.Kind.DISPUTE, customerId,
                dispute.getCharge() == null ? "" : dispute.getCharge(),
                dispute.getAmount() == null ? 0 : dispute.getAmount(), true,
                dispute.getStatus() == null ? "unknown" : dispute.getStatus(), reportedAt);
    }

    /** A charge as the refunds page needs it. */
    static Payment payment(Charge charge) {
        return new Payment(charge.getId(), charge.getPaymentIntent(), charge.getCustomer(),
                charge.getAmount() == null ? 0 : charge.getAmount(),
                charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded(), charge.getCurrency(),
                Boolean.TRUE.equals(charge.getPaid()) && "succeeded".equals(charge.getStatus()),
                Boolean.TRUE.equals(charge.getDisputed()), charge.getDescription(),
                Instant.ofEpochSecond(charge.getCreated() == null ? 0 : charge.getCreated()));
    }

    static dev.tollgate.payments.domain.model.Invoice invoice(com.stripe.model.Invoice invoice) {
        return new dev.tollgate.payments.domain.model.Invoice(invoice.getId(), invoice.getNumber(),
                invoice.getStatus(), invoice.getCurrency(),
                invoice.getAmountDue() == null ? 0 : invoice.getAmountDue(),
                invoice.getAmountPaid() == null ? 0 : invoice.getAmountPaid(), instant(invoice.getCreated()),
                instant(invoice.getPeriodStart()), instant(invoice.getPeriodEnd()), invoice.getHostedInvoiceUrl());
    }

    private static Instant instant(Long epochSecond) {
        return epochSecond == null ? null : Instant.ofEpochSecond(epochSecond);
    }

    /** A listed dispute, its charge expanded (when only named, the customer is unknown: null). */
    static dev.tollgate.payments.domain.model.Dispute dispute(Dispute dispute) {
        Charge charge = dispute.getChargeObject();
        Dispute.EvidenceDetails evidence = dispute.getEvidenceDetails();
        return new dev.tollgate.payments.domain.model.Dispute(dispute.getId(), dispute.getCharge(),
                charge == null ? null : charge.getCustomer(), dispute.getAmount() == null ? 0 : dispute.getAmount(),
                dispute.getCurrency(), dispute.getReason(), dispute.getStatus() == null ? "unknown" : dispute.getStatus(),
                evidence == null || evidence.getDueBy() == null ? null : Instant.ofEpochSecond(evidence.getDueBy()),
                Instant.ofEpochSecond(dispute.getCreated() == null ? 0 : dispute.getCreated()));
    }
}
