/**
 * The domain model: accounts, plans, entitlements, the access policy and the log of Stripe events. Plain Java
 * and JPA mappings only; no Stripe types and no container services.
 */
package dev.tollgate.payments.domain.model;
