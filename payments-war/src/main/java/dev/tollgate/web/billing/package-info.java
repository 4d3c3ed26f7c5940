/**
 * The signed-in user's money paths: {@code POST /billing/checkout} (to Stripe Checkout, same-origin only),
 * {@code GET /billing/return} (back from it, access granted at once) and {@code POST /billing/portal} (to Stripe's
 * customer portal, same-origin only); and, open to anyone, {@code GET /billing/prices} (the catalog with Stripe's
 * prices, for pricing pages).
 */
package dev.tollgate.web.billing;
