/**
 * An offline, stateful Stripe emulator that stripe-java talks to through its API base: start it embedded with
 * {@link dev.tollgate.emulator.StripeEmulator} or standalone with {@link dev.tollgate.emulator.Main}.
 */
package dev.tollgate.emulator;
