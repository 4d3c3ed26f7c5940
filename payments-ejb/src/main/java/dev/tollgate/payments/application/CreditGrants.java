package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.CreditLedger;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Credits bought through Checkout: each paid session that sells them adds its credits once, however many times
 * the return page and the webhooks report it. Joins the caller's transaction and first locks the user's account
 * row, like every writer of a user's entitlement.
 */
@ApplicationScoped
public class CreditGrants {

    private static final Logger LOG = Logger.getLogger(CreditGrants.class.getName());
    private static final String REASON = "checkout";

    @Inject
    AccountRepository accounts;

    @Inject
    EntitlementRepository entitlements;

    @Inject
    CreditLedger ledger;

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
        if (!session.isPaid() || !session.sellsCredits() || ledger.findBySource(session.id()).isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ledger.add(new CreditEntry(account.userId(), session.id(), session.credits(), REASON, now));
        Entitlement entitlement = entitlements.findOrAdd(account.userId(), now);
        entitlement.addCredits(session.credits(), now);
        entitlements.update(entitlement);
        LOG.info(() -> session.credits() + " credits for " + account.userId() + " (version " + entitlement.version()
                + ")");
        return Optional.of(new EntitlementChanged(account.userId(), entitlement.version()));
    }
}
