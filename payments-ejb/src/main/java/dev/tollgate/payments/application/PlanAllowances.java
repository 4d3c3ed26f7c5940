package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Allowance;
import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.PlanCatalog;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import dev.tollgate.payments.domain.service.CreditLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The credits a plan includes per billing period: granted once per period of each subscription in good standing,
 * and what is left of the previous period's expired in the same step, keyed in the ledger so that duplicates,
 * reordered events, replays and reconciliation change nothing twice. Called by {@link CustomerSync} with the
 * account locked, on the entitlement it is about to store.
 */
@ApplicationScoped
public class PlanAllowances {

    private static final Logger LOG = Logger.getLogger(PlanAllowances.class.getName());

    /** A subscription in one of these has ended or stopped being paid for: its allowance ends with it. */
    private static final Set<SubscriptionStatus> ENDED = Set.of(SubscriptionStatus.CANCELED,
            SubscriptionStatus.UNPAID, SubscriptionStatus.INCOMPLETE_EXPIRED, SubscriptionStatus.PAUSED);

    @Inject
    PlanCatalog catalog;

    @Inject
    CreditLedger ledger;

    /**
     * Brings the user's allowances in line with their subscriptions as recorded.
     *
     * @return whether the entitlement's credits changed
     */
    public boolean settle(Entitlement entitlement, List<Subscription> subscriptions, Instant now) {
        boolean changed = false;
        for (Subscription subscription : subscriptions) {
            Optional<Allowance> allowance = allowanceOf(subscription);
            if (allowance.isPresent()) {
                changed |= settle(entitlement, subscription, allowance.get(), now);
            }
        }
        return changed;
    }

    private boolean settle(Entitlement entitlement, Subscription subscription, Allowance allowance, Instant now) {
        Optional<CreditEntry> latest = ledger.latest(entitlement.userId(), Allowance.GRANTED,
                Allowance.grantKeyPrefix(subscription.id()));
        if (ENDED.contains(subscription.status())) {
            return latest.map(grant -> expire(entitlement, grant, now)).orElse(false);
        }
        if (!subscription.status().isInGoodStanding() || subscription.currentPeriodStart() == null) {
            return false; // past due or incomplete: the period's allowance waits for its payment
        }
        Instant periodStart = subscription.currentPeriodStart();
        boolean grantedThisOrLater = latest.flatMap(grant -> Allowance.periodStartOf(grant.sourceKey()))
                .filter(granted -> !granted.isBefore(periodStart)).isPresent();
        if (grantedThisOrLater) {
            return false;
        }
        latest.ifPresent(previous -> expire(entitlement, previous, now));
        String key = Allowance.grantKey(subscription.id(), periodStart);
        ledger.add(new CreditEntry(entitlement.userId(), key, allowance.credits(), Allowance.GRANTED, now));
        entitlement.addCredits(allowance.credits(), now);
        LOG.info(() -> allowance.credits() + " allowance credits for " + entitlement.userId() + " from "
                + subscription.id() + ", period from " + periodStart);
        return true;
    }

    /** Takes back what is left of a grant, once; a row of 0 still marks it done. */
    private boolean expire(Entitlement entitlement, CreditEntry grant, Instant now) {
        String key = Allowance.expiryKey(grant.sourceKey());
        if (ledger.findBySource(key).isPresent()) {
            return false;
        }
        long unused = Allowance.unused(grant.amount(), ledger.spentAfter(grant), entitlement.credits());
        ledger.add(new CreditEntry(entitlement.userId(), key, -unused, Allowance.EXPIRED, now));
        if (unused == 0) {
            return false;
        }
        entitlement.addCredits(-unused, now);
        LOG.info(() -> unused + " unused allowance credits of " + entitlement.userId() + " expired ("
                + grant.sourceKey() + ")");
        return true;
    }

    private Optional<Allowance> allowanceOf(Subscription subscription) {
        return subscription.prices().stream().map(catalog::planSoldBy).flatMap(Optional::stream).findFirst()
                .flatMap(catalog::allowanceOf);
    }
}
