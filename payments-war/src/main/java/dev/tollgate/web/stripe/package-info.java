/**
 * What Stripe calls: {@code POST /stripe/webhook}. Only HTTP here (method, content type, size cap, status
 * codes); verification and processing are the application's.
 */
package dev.tollgate.web.stripe;
