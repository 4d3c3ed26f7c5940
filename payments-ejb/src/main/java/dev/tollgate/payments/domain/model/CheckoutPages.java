package dev.tollgate.payments.domain.model;

/**
 * Where Stripe's hosted pages send the user back to.
 *
 * @param successUrl the return page, with Stripe's {@code {CHECKOUT_SESSION_ID}} placeholder
 * @param cancelUrl where a buyer who backs out of Checkout lands
 * @param portalReturnUrl where the customer portal's "return" link goes (absolute, as Stripe requires)
 */
public record CheckoutPages(String successUrl, String cancelUrl, String portalReturnUrl) {
}
