package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Drift;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.DriftRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One paid one-time Checkout of a drift scan (a credit pack, or a plan bought once), in one transaction: whether the
 * ledger (or our records of plans bought) has it, and if not, a difference recorded and healed through the
 * exactly-once grant ({@link CreditGrants}, {@link PlanPurchases}), the grant and its audit entry committing together. The buyer's account row is locked first, as by every writer of a
 * user's entitlement, so a webhook crediting the same Checkout meanwhile is seen, never added to.
 */
@Stateless
@Dependent
@Transactional
public class PurchaseCheck {

    private static final Logger LOG = Logger.getLogger(PurchaseCheck.class.getName());
    private static final String REASON = "a paid Checkout's credits were never added (a missed or failed event)";
    private static final String PLAN_REASON = "a plan bought once was never granted (a missed or failed event)";

    @Inject
    AccountRepository accounts;

    @Inject
    CreditGrants creditGrants;

    @Inject
    PlanPurchases planPurchases;

    @Inject
    DriftRepository drifts;

    @Inject
    Clock clock;

    /**
     * @param paid a Checkout Stripe lists as paid that sells credits or a plan once
     * @param heal whether to add the credits (false: a dry run, which only records the difference)
     */
    public DriftCheck.Finding check(long runId, CheckoutSession paid, boolean heal) {
        Optional<Account> buyer = buyerOf(paid);
        if (buyer.isEmpty()) {
            // its event is parked as unmatched too; a replay credits it once the account exists
            LOG.warning(() -> "Drift scan: Checkout " + paid.id() + " was paid, but no account here has customer "
                    + paid.customerId() + " or user " + paid.clientReferenceId());
            return DriftCheck.Finding.none();
        }
        Account account = buyer.get();
        if (paid.sellsPlanOnce()) {
            return checkPlan(runId, account, paid, heal);
        }
        if (creditGrants.isCredited(account, paid)) {
            return DriftCheck.Finding.none();
        }
        Instant now = clock.instant();
        Drift found = Drift.found(runId, account.userId(), Optional.ofNullable(account.stripeCustomerId()),
                "no credits from " + paid.id(), paid.id() + " paid for " + paid.credits() + " credits", REASON, now);
        if (!heal) {
            return new DriftCheck.Finding(Optional.of(drifts.add(found)), Optional.empty());
        }
        EntitlementChanged change = creditGrants.grant(account, paid).orElseThrow(
                () -> new IllegalStateException("Checkout " + paid.id() + " added no credits"));
        Drift healed = drifts.add(found.healed(now, change.version()));
        LOG.info(() -> "Drift of " + account.userId() + " healed: " + healed.stripe());
        return new DriftCheck.Finding(Optional.of(healed), Optional.of(change));
    }

    /** {@link #check} of a plan bought once: kept under its Checkout's id, or granted now. */
    private DriftCheck.Finding checkPlan(long runId, Account account, CheckoutSession paid, boolean heal) {
        accounts.lock(account); // as the grant does: a webhook granting it meanwhile is seen, never added to
        if (planPurchases.isKept(paid)) {
            return DriftCheck.Finding.none();
        }
        Instant now = clock.instant();
        Drift found = Drift.found(runId, account.userId(), Optional.ofNullable(account.stripeCustomerId()),
                "no plan from " + paid.id(), paid.id() + " paid for plan " + paid.planBought(), PLAN_REASON, now);
        if (!heal) {
            return new DriftCheck.Finding(Optional.of(drifts.add(found)), Optional.empty());
        }
        Optional<EntitlementChanged> change = planPurchases.grant(account, paid);
        long version = change.map(EntitlementChanged::version).orElse(0L);
        Drift healed = drifts.add(found.healed(now, version));
        LOG.info(() -> "Drift of " + account.userId() + " healed: " + healed.stripe());
        return new DriftCheck.Finding(Optional.of(healed), change);
    }

    /** The account the Checkout's customer belongs to; else the user it names, when not linked to another customer. */
    private Optional<Account> buyerOf(CheckoutSession paid) {
        return Optional.ofNullable(paid.customerId()).flatMap(accounts::findByCustomer)
                .or(() -> Optional.ofNullable(paid.clientReferenceId()).flatMap(accounts::find)
                        .filter(account -> !account.hasCustomer()));
    }
}
