/**
 * Webhook delivery: every event is POSTed, signed with the endpoint's {@code whsec_} secret as Stripe signs, on
 * a background thread, retried with exponential backoff, and its outcome recorded per endpoint.
 */
package dev.tollgate.emulator.delivery;
