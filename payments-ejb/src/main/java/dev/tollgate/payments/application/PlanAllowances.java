package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Allowance;
import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.PlanCatalog;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import dev.tollgate.payments.domain.service.AllowanceWindowRepository;
import dev.tollgate.payments.domain.service.CreditLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What a plan includes per window: granted once per window of each subscription in good standing (the billing
 * period, or a day, week, month or year inside it), and what is left of the previous window expired in the same
 * step, keyed in the ledger so that duplicates, reordered events, replays, reconciliation and the window schedule
 * change nothing twice. Called by {@link CustomerSync} with the account locked, on the entitlement it is about to
 * store; a window inside a billing period is brought here by {@link AllowanceWindows}, which finds it due in
 * {@code allowance_window}.
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

    @Inject
    AllowanceWindowRepository windows;

    /**
     * Brings the user's allowances in line with their subscriptions as recorded and with the clock.
     *
     * @return whether the entitlement's credits changed (other units live in the ledger alone)
     */
    public boolean settle(Entitlement entitlement, List<Subscription> subscriptions, Instant now) {
        boolean changed = false;
        for (Subscription subscription : subscriptions) {
            List<Allowance> allowances = allowancesOf(subscription);
            for (Allowance allowance : allowances) {
                changed |= settle(entitlement, subscription, allowance, now);
            }
            if (catalog.hasWindowsInsidePeriods()) {
                scheduleNextWindow(entitlement.userId(), subscription, allowances, now);
            }
        }
        return changed;
    }

    private boolean settle(Entitlement entitlement, Subscription subscription, Allowance allowance, Instant now) {
        Optional<CreditEntry> latest = ledger.latest(entitlement.userId(), allowance.unit(), Allowance.GRANTED,
                allowance.grantKeyPrefix(subscription.id()));
        if (ENDED.contains(subscription.status())) {
            return latest.map(grant -> expire(entitlement, grant, now)).orElse(false);
        }
        if (!isGranting(subscription)) {
            return false; // past due or incomplete: the window's allowance waits for its payment
        }
        Instant windowStart = allowance.windowStart(subscription.currentPeriodStart(),
                subscription.currentPeriodEnd(), now);
        boolean grantedThisOrLater = latest.flatMap(grant -> Allowance.windowStartOf(grant.sourceKey()))
                .filter(granted -> !granted.isBefore(windowStart)).isPresent();
        if (grantedThisOrLater) {
            return false;
        }
        boolean changed = latest.map(previous -> expire(entitlement, previous, now)).orElse(false);
        String key = allowance.grantKey(subscription.id(), windowStart);
        ledger.add(new CreditEntry(entitlement.userId(), allowance.unit(), key, allowance.amount(), Allowance.GRANTED,
                now));
        LOG.info(() -> allowance.amount() + " allowance " + allowance.unit() + " for " + entitlement.userId()
                + " from " + subscription.id() + ", " + allowance.every().written() + " from " + windowStart);
        if (isCredits(allowance.unit())) {
            entitlement.addCredits(allowance.amount(), now);
            return true;
        }
        return changed;
    }

    /** Takes back what is left of a grant, once; a row of 0 still marks it done. */
    private boolean expire(Entitlement entitlement, CreditEntry grant, Instant now) {
        String key = Allowance.expiryKey(grant.sourceKey());
        if (ledger.findBySource(key).isPresent()) {
            return false;
        }
        boolean credits = isCredits(grant.unit());
        long balance = credits ? entitlement.credits() : ledger.balance(grant.userId(), grant.unit());
        long unused = Allowance.unused(grant.amount(), ledger.spentAfter(grant), balance);
        ledger.add(new CreditEntry(entitlement.userId(), grant.unit(), key, -unused, Allowance.EXPIRED, now));
        if (unused == 0) {
            return false;
        }
        LOG.info(() -> unused + " unused allowance " + grant.unit() + " of " + entitlement.userId() + " expired ("
                + grant.sourceKey() + ")");
        if (!credits) {
            return false;
        }
        entitlement.addCredits(-unused, now);
        return true;
    }

    /**
     * Notes when the subscription's next window inside its billing period starts, so that it is granted then
     * although nothing from Stripe marks it; a window that starts with a new billing period comes with its renewal.
     */
    private void scheduleNextWindow(String userId, Subscription subscription, List<Allowance> allowances,
                                    Instant now) {
        Optional<Instant> next = isGranting(subscription) ? allowances.stream()
                .flatMap(allowance -> allowance.nextWindowStart(subscription.currentPeriodStart(),
                        subscription.currentPeriodEnd(), allowance.windowStart(subscription.currentPeriodStart(),
                                subscription.currentPeriodEnd(), now)).stream())
                .min(Instant::compareTo) : Optional.empty();
        if (next.isPresent()) {
            windows.schedule(subscription.id(), userId, next.get());
        } else {
            windows.unschedule(subscription.id());
        }
    }

    private static boolean isGranting(Subscription subscription) {
        return subscription.status().isInGoodStanding() && subscription.currentPeriodStart() != null;
    }

    private static boolean isCredits(String unit) {
        return Allowance.CREDITS.equals(unit);
    }

    private List<Allowance> allowancesOf(Subscription subscription) {
        return subscription.prices().stream().map(catalog::planSoldBy).flatMap(Optional::stream).findFirst()
                .map(catalog::allowancesOf).orElse(List.of());
    }
}
