/**
 * The gate's plumbing, not an API: configuration lookup, the JDBC read of the entitlement row, and the HTTP
 * shape of a refusal. May change in any release.
 */
package dev.tollgate.gate.internal;
