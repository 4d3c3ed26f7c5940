/**
 * The Stripe adapter: a data model translation layer between stripe-java and the domain. Stripe's classes never
 * leave this package.
 */
package dev.tollgate.payments.infrastructure.stripe;
