package dev.tollgate.it.webhook;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.Refund;
import com.stripe.model.SubscriptionItem;
import com.stripe.param.ChargeListParams;
import com.stripe.param.DisputeListParams;
import com.stripe.param.EventListParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.SubscriptionListParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Stripe (the emulator) says, read through stripe-java as any client would: the reversals of all customers
 * at once ({@link #reversals}), then per customer its subscriptions and the moments money was taken back from it.
 */
final class StripeTruth {

    /** One subscription as the oracle needs it. */
    record Subscription(String id, String plan, String status, Instant periodStart, Instant periodEnd,
                        boolean cancelAtPeriodEnd) {
        @Override
        public String toString() {
            return id + " " + plan + " " + status + " [" + periodStart + " … " + periodEnd + ")"
                    + (cancelAtPeriodEnd ? " cancel_at_period_end" : "");
        }
    }

    /** A customer's subscriptions and the moments its charges were fully refunded or lost in a dispute. */
    record Customer(List<Subscription> subscriptions, List<Instant> tookBackAt, List<String> charges) {
    }

    /** Refunds and disputes of every charge, and when each dispute was lost. */
    record Reversals(Map<String, List<Refund>> refundsByCharge, Map<String, List<Dispute>> disputesByCharge,
                     Map<String, Instant> lostAt) {
    }

    private final StripeClient stripe;

    StripeTruth(StripeClient stripe) {
        this.stripe = stripe;
    }

    /** Every refund and dispute, and every {@code charge.dispute.closed} that says lost. */
    Reversals reversals() throws StripeException {
        Map<String, List<Refund>> refunds = new HashMap<>();
        for (Refund refund : stripe.v1().refunds().list(RefundListParams.builder().setLimit(100L).build())
                .autoPagingIterable()) {
            refunds.computeIfAbsent(refund.getCharge(), charge -> new ArrayList<>()).add(refund);
        }
        Map<String, List<Dispute>> disputes = new HashMap<>();
        for (Dispute dispute : stripe.v1().disputes().list(DisputeListParams.builder().setLimit(100L).build())
                .autoPagingIterable()) {
            disputes.computeIfAbsent(dispute.getCharge(), charge -> new ArrayList<>()).add(dispute);
        }
        Map<String, Instant> lostAt = new HashMap<>();
        for (Event closed : stripe.v1().events().list(EventListParams.builder().setType("charge.dispute.closed")
                .setLimit(100L).build()).autoPagingIterable()) {
            Dispute dispute = (Dispute) closed.getDataObjectDeserializer().getObject().orElseThrow(
                    () -> new AssertionError("charge.dispute.closed " + closed.getId() + " cannot be read"));
            if ("lost".equals(dispute.getStatus())) {
                lostAt.merge(dispute.getId(), Instant.ofEpochSecond(closed.getCreated()),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return new Reversals(refunds, disputes, lostAt);
    }

    /** The customer's subscriptions (all statuses) and when money was taken back from its charges. */
    Customer customer(String customerId, Reversals reversals) throws StripeException {
        List<Subscription> subscriptions = new ArrayList<>();
        for (com.stripe.model.Subscription subscription : stripe.v1().subscriptions().list(
                SubscriptionListParams.builder().setCustomer(customerId)
                        .setStatus(SubscriptionListParams.Status.ALL).setLimit(100L).build()).autoPagingIterable()) {
            SubscriptionItem item = subscription.getItems().getData().get(0);
            subscriptions.add(new Subscription(subscription.getId(), planOf(item.getPrice().getId()),
                    subscription.getStatus(), Instant.ofEpochSecond(item.getCurrentPeriodStart()),
                    Instant.ofEpochSecond(item.getCurrentPeriodEnd()),
                    Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd())));
        }
        List<Instant> tookBackAt = new ArrayList<>();
        List<String> charges = new ArrayList<>();
        for (Charge charge : stripe.v1().charges().list(ChargeListParams.builder().setCustomer(customerId)
                .setLimit(100L).build()).autoPagingIterable()) {
            charges.add(charge.getId());
            fullyRefundedAt(charge, reversals.refundsByCharge().getOrDefault(charge.getId(), List.of()))
                    .ifPresent(tookBackAt::add);
            for (Dispute dispute : reversals.disputesByCharge().getOrDefault(charge.getId(), List.of())) {
                Instant lost = reversals.lostAt().get(dispute.getId());
                if ("lost".equals(dispute.getStatus()) && lost != null) {
                    tookBackAt.add(lost);
                }
            }
        }
        return new Customer(subscriptions, tookBackAt, charges);
    }

    /** The created time of the refund that completed a fully refunded charge. */
    static Optional<Instant> fullyRefundedAt(Charge charge, List<Refund> refunds) {
        if (!Boolean.TRUE.equals(charge.getRefunded())) {
            return Optional.empty();
        }
        long refunded = 0;
        for (Refund refund : refunds.stream().sorted(Comparator.comparing(Refund::getCreated)).toList()) {
            refunded += refund.getAmount();
            if (refunded >= charge.getAmount()) {
                return Optional.of(Instant.ofEpochSecond(refund.getCreated()));
            }
        }
        throw new AssertionError("charge " + charge.getId() + " says refunded, but its refunds add up to "
                + refunded + " of " + charge.getAmount());
    }

    static String planOf(String price) {
        return switch (price) {
            case "price_pro_monthly" -> "pro";
            case "price_basic_monthly" -> "basic";
            default -> throw new AssertionError("a price outside the sample app's catalog: " + price);
        };
    }

    /**
     * Empty when our stored entitlement of {@code user} says what Stripe's subscription says — its status, its plan
     * while it pays, access exactly then; otherwise how they differ.
     */
    static Optional<String> differenceFromStripe(StripeClient stripe, Rows rows, String user,
                                                           String subscriptionId) throws Exception {
        com.stripe.model.Subscription atStripe = stripe.v1().subscriptions().retrieve(subscriptionId);
        boolean pays = "active".equals(atStripe.getStatus());
        String plan = pays ? planOf(atStripe.getItems().getData().get(0).getPrice().getId()) : null;
        Optional<Rows.Entitlement> ours = rows.entitlement(user);
        boolean same = ours.isPresent() && atStripe.getStatus().equals(ours.get().status())
                && Objects.equals(plan, ours.get().plan()) && pays == ours.get().grantsAccessNow();
        return same ? Optional.empty() : Optional.of(user + ": Stripe " + atStripe.getStatus()
                + " " + plan + ", ours " + ours.map(Rows.Entitlement::toString).orElse("none"));
    }
}
