/**
 * {@code /health} and {@code /admin/health}: UP/DOWN for anyone, the details for admins or a monitoring token;
 * {@code /admin/metrics}: the Prometheus figures, for the same two.
 */
package dev.tollgate.web.health;
