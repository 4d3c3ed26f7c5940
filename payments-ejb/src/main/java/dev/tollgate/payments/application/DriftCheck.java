package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.Drift;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.Grant;
import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionRecord;
import dev.tollgate.payments.domain.service.DriftRepository;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import dev.tollgate.payments.domain.service.ReversalRepository;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.SubscriptionRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A drift scan's comparisons: a page of customers at once, reading only ({@link #differing}); then each customer
 * found different in its own transaction ({@link #check}), which compares again, records the difference, and heals it
 * through the one sync path ({@link CustomerSync}), the fix and its audit entry committing together.
 */
@Stateless
@Dependent
@Transactional
public class DriftCheck {

    private static final Logger LOG = Logger.getLogger(DriftCheck.class.getName());

    @Inject
    CustomerSync customerSync;

    @Inject
    EntitlementRepository entitlements;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    ReversalRepository reversals;

    @Inject
    DriftRepository drifts;

    @Inject
    StripeGateway stripe;

    @Inject
    Clock clock;

    /** What checking one customer found. */
    public record Finding(Optional<Drift> drift, Optional<EntitlementChanged> change) {
        static Finding none() {
            return new Finding(Optional.empty(), Optional.empty());
        }
    }

    /**
     * The users of {@code page} whose stored entitlement differs from what the policy decides from Stripe's listing,
     * all compared in this one transaction that writes nothing: their entitlements, subscription records, refunds
     * and disputes read in one statement each, not three per customer. Only these need {@link #check}; it compares
     * again, so an event applied since this read heals nothing twice.
     *
     * @param listedByCustomer every subscription in Stripe's listing, by customer, taken at {@code fetchedAt}
     */
    public Set<String> differing(List<Account> page, Map<String, List<Subscription>> listedByCustomer,
                                 Instant fetchedAt) {
        Instant now = clock.instant();
        Map<String, Entitlement> stored = entitlements.findAll(page.stream().map(Account::userId).toList()).stream()
                .collect(Collectors.toMap(Entitlement::userId, Function.identity()));
        List<String> customers = page.stream().map(Account::stripeCustomerId).toList();
        Map<String, List<SubscriptionRecord>> records = subscriptions.ofCustomers(customers).stream()
                .collect(Collectors.groupingBy(SubscriptionRecord::customerId));
        Map<String, List<ReversalRecord>> takenBack = reversals.ofCustomers(customers).stream()
                .collect(Collectors.groupingBy(ReversalRecord::customerId));
        Set<String> differing = new HashSet<>();
        for (Account account : page) {
            String customer = account.stripeCustomerId();
            Entitlement entitlement = stored.getOrDefault(account.userId(), Entitlement.none(account.userId(), now));
            Grant stripes = customerSync.decideFrom(account, listedByCustomer.getOrDefault(customer, List.of()),
                    fetchedAt, entitlement, records.getOrDefault(customer, List.of()),
                    takenBack.getOrDefault(customer, List.of()));
            if (!stripes.equals(entitlement.grant())) {
                differing.add(account.userId());
            }
        }
        return differing;
    }

    /**
     * @param listed the customer's subscriptions in Stripe's listing, taken at {@code fetchedAt}
     * @param heal whether to fix a difference (false: a dry run, which only records it)
     */
    public Finding check(long runId, Account account, List<Subscription> listed, Instant fetchedAt, boolean heal) {
        Instant now = clock.instant();
        Entitlement stored = entitlements.find(account.userId()).orElseGet(() -> Entitlement.none(account.userId(), now));
        Grant stripes = customerSync.decideFrom(account, listed, fetchedAt, stored);
        if (stripes.equals(stored.grant())) {
            return Finding.none();
        }
        Drift found = Drift.found(runId, account.userId(), Optional.of(account.stripeCustomerId()), stored.grant(),
                stripes, reason(account, listed, stored.grant(), stripes), now);
        if (!heal) {
            return new Finding(Optional.of(drifts.add(found)), Optional.empty());
        }
        Optional<EntitlementChanged> change;
        try (ChangeCause.Scope cause = ChangeCause.of(ChangeCause.Source.RECONCILE, "drift, run " + runId).open()) {
            change = customerSync.syncFrom(account, listed, Optional.empty(), fetchedAt);
        }
        long version = change.map(EntitlementChanged::version)
                .or(() -> entitlements.find(account.userId()).map(Entitlement::version)).orElse(0L);
        Drift healed = drifts.add(found.healed(now, version));
        LOG.info(() -> "Drift of " + account.userId() + " healed (version " + version + "): ours was \""
                + healed.ours() + "\", Stripe's \"" + healed.stripe() + "\": " + healed.reason());
        return new Finding(Optional.of(healed), change);
    }

    /** Why ours and Stripe's differ, in words an admin can act on. */
    private String reason(Account account, List<Subscription> listed, Grant ours, Grant stripes) {
        boolean oursGrants = ours.accessUntil() != null;
        boolean stripesGrants = stripes.accessUntil() != null;
        if (oursGrants && !stripesGrants) {
            if (listed.isEmpty()) {
                // only asked for the few customers who drifted this way: a scan stays at one call per 100
                return stripe.isDeleted(account.stripeCustomerId())
                        ? "we grant access, but Stripe deleted customer " + account.stripeCustomerId()
                        : "we grant access, but Stripe lists no subscription for " + account.stripeCustomerId();
            }
            return "we grant access that Stripe's subscriptions no longer pay for (a missed cancellation or failure)";
        }
        if (!oursGrants && stripesGrants) {
            return "Stripe's subscription pays for access we do not grant (a missed or failed event)";
        }
        if (!Objects.equals(ours.plan(), stripes.plan())) {
            return "the plan differs (a missed plan change)";
        }
        if (!Objects.equals(ours.accessUntil(), stripes.accessUntil())) {
            return "the access period differs (a missed renewal or cancellation)";
        }
        return "the status or features differ";
    }
}
