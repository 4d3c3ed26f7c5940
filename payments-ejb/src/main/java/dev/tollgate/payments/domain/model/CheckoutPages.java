package dev.tollgate.payments.domain.model;

/**
 * Where Stripe Checkout sends the buyer back to.
 *
 * @param successUrl the return page, with Stripe's {@code {CHECKOUT_SESSION_ID}} placeholder
 * @param cancelUrl where a buyer who backs out lands
 */
public record CheckoutPages(String successUrl, String cancelUrl) {
}
