package dev.tollgate.payments.application;

import static dev.tollgate.payments.application.PaymentsException.Reason.CHECKOUT_NOT_PAID;
import static dev.tollgate.payments.application.PaymentsException.Reason.NOT_YOUR_CHECKOUT;
import static dev.tollgate.payments.application.PaymentsException.Reason.UNKNOWN_PRICE;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.CreditPack;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.StripeGateway.CheckoutRequest;
import dev.tollgate.payments.domain.service.StripeGateway.Price;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Sends a user to Stripe Checkout and, when they come back, grants access at once instead of waiting for the
 * webhook. Both paths refuse anything outside the catalog and anyone else's session.
 */
@Stateless
@Dependent
@Transactional
public class CheckoutService {

    @Inject
    PaymentsConfig config;

    @Inject
    StripeGateway stripe;

    @Inject
    EntitlementService entitlementService;

    @Inject
    AccountRepository accounts;

    @Inject
    CustomerSync customerSync;

    /**
     * Opens a Checkout Session for a catalog price.
     *
     * @param priceRef a price id or lookup key
     * @return the URL of Stripe's hosted checkout page
     */
    public String startCheckout(String userId, String email, String priceRef) {
        if (priceRef == null || !config.plans().sells(priceRef)) {
            throw new PaymentsException(UNKNOWN_PRICE, "This price is not for sale here.");
        }
        Price price = stripe.price(priceRef)
                .orElseThrow(() -> new PaymentsException(UNKNOWN_PRICE, "This price is not for sale here."));
        Account account = entitlementService.accountWithCustomer(userId, email);
        String base = config.appUrl().toString().replaceAll("/+$", "");
        long credits = config.plans().packSoldBy(priceRef).map(CreditPack::credits).orElse(0L);
        CheckoutSession session = stripe.createCheckout(new CheckoutRequest(account.stripeCustomerId(), userId,
                price, credits, base + "/billing/return?session_id={CHECKOUT_SESSION_ID}", config.cancelUrl()));
        return session.url();
    }

    /**
     * The user is back from Checkout: make sure the session is theirs and paid, then sync.
     *
     * @return the entitlement change, empty if the webhook already applied it
     */
    public Optional<EntitlementChanged> confirmReturn(String userId, String sessionId) {
        CheckoutSession session = stripe.checkoutSession(sessionId);
        Account account = accounts.find(userId)
                .orElseThrow(() -> new PaymentsException(NOT_YOUR_CHECKOUT, "This checkout session is not yours."));
        boolean theirs = userId.equals(session.clientReferenceId())
                && account.stripeCustomerId() != null && account.stripeCustomerId().equals(session.customerId());
        if (!theirs) {
            throw new PaymentsException(NOT_YOUR_CHECKOUT, "This checkout session is not yours.");
        }
        if (!session.isPaid()) {
            throw new PaymentsException(CHECKOUT_NOT_PAID, "This checkout has not been paid.");
        }
        return session.sellsCredits() ? customerSync.grantCredits(account, session) : customerSync.sync(account);
    }
}
