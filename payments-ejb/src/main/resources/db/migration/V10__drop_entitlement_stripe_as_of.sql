-- After V9, not in the free number 8: V9 was on main first, and Flyway refuses a migration older than the newest applied.
-- entitlement.stripe_as_of (V1) was never written nor read: which Stripe state is newest is kept per object, in
-- stripe_subscription.stripe_as_of and payment_reversal.stripe_as_of, and the entitlement is computed from those.
alter table entitlement drop column stripe_as_of;
