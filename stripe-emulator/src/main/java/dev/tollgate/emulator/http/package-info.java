/**
 * The emulator's HTTP plumbing: Stripe-style form parameters (refused when unknown), routing, error bodies,
 * idempotent replays, injected API faults and rate limits, on top of the JDK's {@code com.sun.net.httpserver}.
 * Knows nothing about billing.
 */
package dev.tollgate.emulator.http;
