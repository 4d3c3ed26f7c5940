/**
 * The gate: a servlet filter that lets a request through only when the signed-in user's entitlement meets the
 * requirement of the first protection rule matching the path. Start at {@link dev.tollgate.gate.EntitlementFilter};
 * the payments side talks to it through {@link dev.tollgate.gate.EntitlementBoard}.
 */
package dev.tollgate.gate;
