/**
 * The emulator's memory: every Stripe object as the JSON Stripe would send, ids, the clock and the event log,
 * behind one lock so that a multi-object change (a paid checkout) is seen whole or not at all.
 */
package dev.tollgate.emulator.state;
