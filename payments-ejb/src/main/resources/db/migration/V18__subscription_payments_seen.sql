-- What the events told us about a subscription's payments, which Stripe's subscription object does not say.
-- invoice_paid_at: when an invoice of it was first reported paid (invoice.paid / invoice.payment_succeeded); null
-- while none was. A subscription past_due in the period it began with then failed a later charge of that period (an
-- upgrade invoiced at once), not its first payment, and keeps the grace days.
-- past_due_since: the second of Stripe time of the first past_due state taken after one that was not; null while
-- not past_due. The grace of such a mid-period failure counts from it.
alter table stripe_subscription add column invoice_paid_at timestamp with time zone;
alter table stripe_subscription add column past_due_since timestamp with time zone;
