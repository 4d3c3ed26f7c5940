package dev.tollgate.payments.application;

import static dev.tollgate.payments.application.PaymentsException.Reason.NO_CUSTOMER;

import dev.tollgate.payments.domain.model.CheckoutPages;
import dev.tollgate.payments.domain.service.StripeGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stripe's customer portal for a user: where a subscriber switches plans, cancels or takes a cancellation back.
 * What the user does there reaches us as Stripe's events, through the same path as every other change. Not
 * transactional: it reads the account, then asks Stripe, holding nothing meanwhile.
 */
@ApplicationScoped
public class BillingPortal {

    @Inject
    StripeGateway stripe;

    @Inject
    CheckoutPages pages;

    @Inject
    EntitlementService entitlementService;

    /**
     * A portal session for the user's customer.
     *
     * @return the URL of Stripe's hosted portal page, which links back to {@link CheckoutPages#portalReturnUrl}
     * @throws PaymentsException ({@code NO_CUSTOMER}) when the user has no Stripe customer: nothing to manage
     */
    public String open(String userId) {
        return open(userId, pages.portalReturnUrl());
    }

    /** {@link #open(String)} with the portal linking back to {@code returnUrl} (absolute), an app's own page. */
    public String open(String userId, String returnUrl) {
        String customerId = entitlementService.customerOf(userId).orElseThrow(() -> new PaymentsException(
                NO_CUSTOMER, "There is nothing to manage yet: you have not bought anything here."));
        return openFor(customerId, returnUrl);
    }

    /** Stripe's portal for a customer already looked up, linking back to {@code returnUrl}. */
    String openFor(String customerId, String returnUrl) {
        return stripe.createPortalSession(customerId, returnUrl);
    }
}
