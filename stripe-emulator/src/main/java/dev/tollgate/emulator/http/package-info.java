/**
 * The emulator's HTTP plumbing: Stripe-style form parameters, routing, error bodies and idempotent replays,
 * on top of the JDK's {@code com.sun.net.httpserver}. Knows nothing about billing.
 */
package dev.tollgate.emulator.http;
