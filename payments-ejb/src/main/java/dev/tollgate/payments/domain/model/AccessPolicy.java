package dev.tollgate.payments.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Decides access from a customer's subscriptions, locally and explicitly (ARCHITECTURE.md rule 3):
 * trialing and active grant the current period (also when set to cancel at period end); past_due grants a
 * grace period from the failed renewal, but nothing when the first payment itself failed (a bank debit refused
 * after Checkout: nothing was ever paid); a charge refused later in the first period (an upgrade invoiced at once)
 * is graced from the moment it failed, once an invoice of the subscription was paid; unpaid, canceled, incomplete,
 * incomplete_expired and paused grant nothing.
 * A full refund or a lost dispute during the current period takes that period's access away (each switchable):
 * "during" is the moment the money went back (the refund became full, the dispute was lost), not when the
 * refund or dispute was first reported, nor when the charge was made.
 * The result is folded into {@code access_until}, so the gate only compares it with the clock.
 */
public final class AccessPolicy {

    private final PlanCatalog catalog;
    private final Duration pastDueGrace;
    private final boolean revokeOnFullRefund;
    private final boolean revokeOnLostDispute;

    public AccessPolicy(PlanCatalog catalog, Duration pastDueGrace) {
        this(catalog, pastDueGrace, true, true);
    }

    public AccessPolicy(PlanCatalog catalog, Duration pastDueGrace, boolean revokeOnFullRefund,
                        boolean revokeOnLostDispute) {
        this.catalog = catalog;
        this.pastDueGrace = pastDueGrace;
        this.revokeOnFullRefund = revokeOnFullRefund;
        this.revokeOnLostDispute = revokeOnLostDispute;
    }

    public Grant decide(List<Subscription> subscriptions, Instant now) {
        return decide(subscriptions, List.of(), now);
    }

    /** Decides access from the customer's subscriptions and the refunds and disputes of its charges. */
    public Grant decide(List<Subscription> subscriptions, List<ReversalRecord> reversals, Instant now) {
        return decide(subscriptions, reversals, PaymentsSeen.nothing(), now);
    }

    /**
     * Decides access as {@link #decide(List, List, Instant)} does, knowing also what the events told of each
     * subscription's payments (our records: {@link PaymentsSeen#of}).
     */
    public Grant decide(List<Subscription> subscriptions, List<ReversalRecord> reversals,
                        Function<String, PaymentsSeen> seen, Instant now) {
        Optional<Subscription> best = subscriptions.stream()
                .filter(subscription -> planOf(subscription).isPresent())
                .filter(subscription -> !isTakenBack(subscription, reversals))
                .filter(subscription -> accessUntil(subscription, seen).filter(now::isBefore).isPresent())
                .max(Comparator.comparingInt((Subscription s) -> catalog.coveredPlans(planOf(s).get()).size())
                        .thenComparing(s -> accessUntil(s, seen).get()));
        Instant renewsAt = renewalOfATakenBackPeriod(subscriptions, reversals).orElse(null);
        if (best.isEmpty()) {
            return subscriptions.stream().max(Comparator.comparing(Subscription::created))
                    .map(latest -> Grant.nothing(latest.status(), latest.id(), renewsAt))
                    .orElse(Grant.nothing(SubscriptionStatus.NONE, null, null));
        }
        Subscription winner = best.get();
        Plan plan = planOf(winner).get();
        Set<String> features = new TreeSet<>(catalog.features(plan));
        return new Grant(plan.name(), catalog.coveredPlans(plan), features, winner.status(),
                accessUntil(winner, seen).get(), winner.id(), renewsAt);
    }

    /**
     * The earliest end of a current period that was taken back on a subscription that goes on renewing: the next
     * period is paid separately, so from then on Stripe's state may grant again even if its events are late.
     */
    private Optional<Instant> renewalOfATakenBackPeriod(List<Subscription> subscriptions,
                                                        List<ReversalRecord> reversals) {
        return subscriptions.stream()
                .filter(subscription -> subscription.status().isInGoodStanding())
                .filter(subscription -> !canceledAtPeriodEnd(subscription))
                .filter(subscription -> planOf(subscription).isPresent())
                .filter(subscription -> isTakenBack(subscription, reversals))
                .map(Subscription::currentPeriodEnd)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }

    /** Whether money was taken back by a revoking refund or dispute during the subscription's current period. */
    public boolean isTakenBack(Subscription subscription, List<ReversalRecord> reversals) {
        Instant periodStart = subscription.currentPeriodStart();
        return periodStart != null && reversals.stream()
                .filter(reversal -> reversal.isRefund() ? revokeOnFullRefund : revokeOnLostDispute)
                .map(ReversalRecord::tookBackAt)
                .flatMap(Optional::stream)
                .anyMatch(tookBack -> !tookBack.isBefore(periodStart));
    }

    /** Whether a full refund during the current period takes that period's access ({@code PAYMENTS_REVOKE_ON_REFUND}). */
    public boolean revokesOnFullRefund() {
        return revokeOnFullRefund;
    }

    /** Whether a dispute lost during the current period takes that period's access. */
    public boolean revokesOnLostDispute() {
        return revokeOnLostDispute;
    }

    /** The catalog plan the subscription's first known price sells. */
    public Optional<Plan> planOf(Subscription subscription) {
        return subscription.prices().stream().map(catalog::planSoldBy).flatMap(Optional::stream).findFirst();
    }

    /**
     * When this subscription stops granting access under the policy, knowing what the events told of its payments;
     * empty if it grants none.
     */
    public Optional<Instant> accessUntil(Subscription subscription, Function<String, PaymentsSeen> seen) {
        if (subscription.status().isInGoodStanding()) {
            return Optional.ofNullable(subscription.currentPeriodEnd());
        }
        return graceEnd(subscription, seen.apply(subscription.id()));
    }

    // Named states, in the words a support desk uses ---------------------------------------------------------

    /** In a trial: access until the trial ends, the first charge still to come. */
    public boolean onTrial(Subscription subscription) {
        return subscription.status() == SubscriptionStatus.TRIALING;
    }

    /** A payment failed and Stripe retries it: access goes on until the grace period ends at {@code now}. */
    public boolean inGracePeriod(Subscription subscription, PaymentsSeen seen, Instant now) {
        return graceEnd(subscription, seen).filter(now::isBefore).isPresent();
    }

    /** Paid up and set to cancel at the period's end: access until then, and no renewal after it. */
    public boolean canceledAtPeriodEnd(Subscription subscription) {
        return subscription.status().isInGoodStanding() && subscription.cancelAtPeriodEnd();
    }

    /**
     * The first payment failed: past_due while still in the period the subscription began with and no invoice of
     * it ever paid, which only a delayed payment (a bank debit) refused after Checkout leads to — a card Checkout
     * that fails makes no subscription, and a failed renewal is in a later period. There is no paid period to grace.
     */
    public boolean firstPaymentFailed(Subscription subscription, PaymentsSeen seen) {
        return awaitsPaymentForItsPeriod(subscription) && inFirstPeriod(subscription) && !seen.anInvoiceWasPaid();
    }

    /**
     * A renewal's failure is graced from the period's start (Stripe's state alone says when: the same on every
     * node, also for a renewal only a fetch brought). In the first period a failure follows a paid invoice — an
     * upgrade invoiced at once and refused — so it is graced from when it happened; the period's start may be long
     * past by then.
     */
    private Optional<Instant> graceEnd(Subscription subscription, PaymentsSeen seen) {
        if (!awaitsPaymentForItsPeriod(subscription)) {
            return Optional.empty();
        }
        if (!inFirstPeriod(subscription)) {
            return Optional.of(subscription.currentPeriodStart().plus(pastDueGrace));
        }
        if (!seen.anInvoiceWasPaid()) {
            return Optional.empty();
        }
        return Optional.of(seen.pastDueSinceIfKnown().orElse(subscription.currentPeriodStart()).plus(pastDueGrace));
    }

    private static boolean awaitsPaymentForItsPeriod(Subscription subscription) {
        return subscription.status().isAwaitingPayment() && subscription.currentPeriodStart() != null;
    }

    /** Still in the period it began with: the current one starts no later than the subscription was made. */
    private static boolean inFirstPeriod(Subscription subscription) {
        return subscription.created() != null && !subscription.currentPeriodStart().isAfter(subscription.created());
    }
}
