-- Features Stripe Entitlements lists for the customer (when PAYMENTS_STRIPE_ENTITLEMENTS is on). Kept apart from
-- the catalog's features so a recompute can merge them again; re-listed from Stripe, never read from an event.
alter table entitlement add column stripe_features varchar(2000) default '' not null;
