/**
 * The signed-in user's money paths: {@code POST /billing/checkout} (to Stripe Checkout, same-origin only) and
 * {@code GET /billing/return} (back from it, access granted at once).
 */
package dev.tollgate.web.billing;
