/**
 * What Stripe does, as operations on the store: catalog, customers, checkout, subscriptions, invoices, payments,
 * refunds and disputes, each recording the events Stripe would, in Stripe's order; test cards decide how
 * payments go, {@link dev.tollgate.emulator.billing.Renewals} decides what time does to subscriptions, and
 * {@link dev.tollgate.emulator.billing.Entitlements} derives each customer's features from its subscriptions.
 */
package dev.tollgate.emulator.billing;
