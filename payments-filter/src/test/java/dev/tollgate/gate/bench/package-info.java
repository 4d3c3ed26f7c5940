/**
 * JMH benchmark of the gate's warm path (profile {@code bench}): the per-request cost when the user's snapshot
 * and the board are current, which is what almost every gated request pays.
 */
package dev.tollgate.gate.bench;
