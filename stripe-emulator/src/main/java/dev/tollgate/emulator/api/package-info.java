/**
 * The {@code /v1} endpoints as stripe-java's {@code StripeClient} calls them (form parameters in, Stripe-shaped
 * JSON out, Stripe's error objects), plus the emulator's own {@code /_emulator} control surface for tests.
 * Handlers parse and validate; the billing layer does the work.
 */
package dev.tollgate.emulator.api;
