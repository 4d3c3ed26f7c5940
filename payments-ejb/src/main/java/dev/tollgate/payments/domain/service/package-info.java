/**
 * Domain interfaces to the outside: the Stripe gateway, the webhook verification and the repositories.
 * Implementations live under {@code infrastructure}; the application layer depends only on these.
 */
package dev.tollgate.payments.domain.service;
