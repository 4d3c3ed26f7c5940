/**
 * What Stripe does, as operations on the store: catalog, customers, checkout, subscriptions, invoices, payments
 * and refunds, each recording the events Stripe would, in Stripe's order. The API and the hosted pages call
 * these; later, test clocks will too.
 */
package dev.tollgate.emulator.billing;
