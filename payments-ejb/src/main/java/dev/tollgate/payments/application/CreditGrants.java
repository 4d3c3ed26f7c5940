package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.OpenedCheckout;
import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.CreditLedger;
import dev.tollgate.payments.domain.service.OpenedCheckouts;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Credits added to a balance: bought through Checkout (each paid Checkout adds its credits once, however many times
 * the return page and the webhooks report it) or granted by an admin (once per key of the console's form). Joins the
 * caller's transaction and first locks the user's account row, like every writer of a user's entitlement.
 */
@ApplicationScoped
public class CreditGrants {

    private static final Logger LOG = Logger.getLogger(CreditGrants.class.getName());
    private static final String REASON = "checkout";
    /** The ledger's reason for credits an admin granted; the breakdown by source counts them as grants. */
    static final String ADMIN_REASON = "admin_grant";
    private static final String ADMIN_KEY = "admin-grant:";

    @Inject
    AccountRepository accounts;

    @Inject
    EntitlementRepository entitlements;

    @Inject
    CreditLedger ledger;

    @Inject
    OpenedCheckouts opened;

    @Inject
    Clock clock;

    /** Whether the ledger holds the Checkout's credits; locks the account first, as {@link #grant} does. */
    public boolean isCredited(Account account, CheckoutSession checkout) {
        accounts.lock(account);
        return ledger.findBySource(checkout.id()).isPresent();
    }

    /** Adds the session's credits, keyed by the session in the ledger; nothing when unpaid, or added before. */
    public Optional<EntitlementChanged> grant(Account account, CheckoutSession session) {
        accounts.lock(account);
        if (!session.isPaid() || !session.sellsCredits()) {
            return Optional.empty();
        }
        // in the grant's transaction: a recorded Checkout is settled exactly when its credits are in the ledger
        opened.settle(session.id(), OpenedCheckout.Settlement.APPLIED, clock.instant());
        if (ledger.findBySource(session.id()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(add(account, session.id(), session.credits(), REASON));
    }

    /**
     * An admin gives the user {@code credits}, once for {@code key} (the console's form carries one): a repeated key
     * adds nothing and answers empty.
     */
    public Optional<EntitlementChanged> grantByAdmin(Account account, long credits, String key) {
        accounts.lock(account);
        if (ledger.findBySource(ADMIN_KEY + key).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(add(account, ADMIN_KEY + key, credits, ADMIN_REASON));
    }

    private EntitlementChanged add(Account account, String sourceKey, long credits, String reason) {
        Instant now = clock.instant();
        ledger.add(new CreditEntry(account.userId(), sourceKey, credits, reason, now));
        Entitlement entitlement = entitlements.findOrAdd(account.userId(), now);
        entitlement.addCredits(credits, now);
        entitlements.update(entitlement);
        LOG.info(() -> credits + " credits (" + reason + ") for " + account.userId() + " (version "
                + entitlement.version() + ")");
        return new EntitlementChanged(account.userId(), entitlement.version());
    }
}
