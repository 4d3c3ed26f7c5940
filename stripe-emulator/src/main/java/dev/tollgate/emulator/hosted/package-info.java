/**
 * The pages Stripe would host: Checkout ({@code /checkout/<session id>}) and the customer portal
 * ({@code /portal/<portal session id>}). Plain HTML forms, so a test can drive them with any HTTP client.
 */
package dev.tollgate.emulator.hosted;
