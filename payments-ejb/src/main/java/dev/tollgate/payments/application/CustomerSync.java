package dev.tollgate.payments.application;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.domain.model.AccessPolicy;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChange;
import dev.tollgate.payments.domain.model.Grant;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import dev.tollgate.payments.domain.service.StripeGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one function that writes entitlement state, whatever triggered it (webhook, return page, reconcile, admin,
 * the gate's re-check): read the customer's subscriptions from Stripe, decide with the access policy, and make
 * the row say so. Joins the caller's transaction.
 */
@ApplicationScoped
public class CustomerSync {

    private static final Logger LOG = Logger.getLogger(CustomerSync.class.getName());

    @Inject
    StripeGateway stripe;

    @Inject
    EntitlementRepository entitlements;

    @Inject
    PaymentsConfig config;

    @Inject
    Clock clock;

    /**
     * Brings the account's entitlement up to date with Stripe.
     *
     * @return the change, or empty when the row already said the same
     */
    public Optional<EntitlementChange> sync(Account account) {
        List<Subscription> subscriptions = account.hasCustomer()
                ? stripe.subscriptionsOf(account.stripeCustomerId()) : List.of();
        Instant now = clock.instant();
        Grant grant = policy().decide(subscriptions, now);
        Entitlement entitlement = entitlements.findForUpdate(account.userId()).orElseGet(() -> {
            Entitlement fresh = Entitlement.none(account.userId(), now);
            entitlements.add(fresh);
            return fresh;
        });
        if (!entitlement.apply(grant, now)) {
            return Optional.empty();
        }
        LOG.info(() -> "Entitlement of " + account.userId() + " is now " + grant.status().stripeName()
                + (grant.plan() == null ? "" : " on " + grant.plan()) + " (version " + entitlement.version() + ")");
        return Optional.of(new EntitlementChange(account.userId(), entitlement.version()));
    }

    private AccessPolicy policy() {
        return new AccessPolicy(config.plans(), Duration.ofDays(config.graceDays()));
    }
}
