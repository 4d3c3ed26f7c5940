package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.AccessTerm;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.OpenedCheckout;
import dev.tollgate.payments.domain.model.Plan;
import dev.tollgate.payments.domain.model.PlanCatalog;
import dev.tollgate.payments.domain.model.PlanPurchase;
import dev.tollgate.payments.domain.service.OpenedCheckouts;
import dev.tollgate.payments.domain.service.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Plans bought once through Checkout (for life or a term): each paid Checkout grants its plan once, however many
 * times the return page, the webhooks and the drift scan report it, through the one sync path
 * ({@link CustomerSync#applyPurchase}). Joins the caller's transaction.
 */
@ApplicationScoped
public class PlanPurchases {

    private static final Logger LOG = Logger.getLogger(PlanPurchases.class.getName());

    @Inject
    PlanCatalog catalog;

    @Inject
    CustomerSync customerSync;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    OpenedCheckouts opened;

    @Inject
    Clock clock;

    /** Whether the Checkout's plan is kept already; read without a lock, since a kept purchase stays kept. */
    public boolean isKept(CheckoutSession checkout) {
        return subscriptions.find(checkout.id()).isPresent();
    }

    /**
     * Grants the plan the paid Checkout sold once, from when it was paid; nothing when unpaid, when it sells no plan
     * once, or when it was granted before.
     *
     * @param paid the session as Stripe answered it, with its PaymentIntent (for the moment of payment)
     */
    public Optional<EntitlementChanged> grant(Account account, CheckoutSession paid) {
        if (!paid.isPaid() || !paid.sellsPlanOnce()) {
            return Optional.empty();
        }
        // in the grant's transaction (a kept purchase is not granted again: nothing more can come of the Checkout)
        opened.settle(paid.id(), OpenedCheckout.Settlement.APPLIED, clock.instant());
        Optional<Plan> plan = catalog.plan(paid.planBought());
        Optional<AccessTerm> term = plan.flatMap(catalog::termOf);
        if (term.isEmpty()) {
            // the catalog changed since the Checkout was opened: nothing here says for how long to grant
            LOG.warning(() -> "Checkout " + paid.id() + " of " + account.userId() + " was paid for plan '"
                    + paid.planBought() + "', which the catalog no longer sells once; nothing granted");
            return Optional.empty();
        }
        if (paid.paidAt() == null) {
            throw new IllegalStateException("Stripe sent Checkout " + paid.id() + " without its payment");
        }
        String customerId = account.hasCustomer() ? account.stripeCustomerId() : paid.customerId();
        return customerSync.applyPurchase(account, new PlanPurchase(paid.id(), customerId, plan.get(),
                List.copyOf(plan.get().prices()), paid.paidAt(), term.get()));
    }
}
