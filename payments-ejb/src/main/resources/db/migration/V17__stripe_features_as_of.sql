-- When Stripe was asked for the features in stripe_features (null: never). The WAR lists them before it locks the
-- user's account, so two listings for one customer may finish in either order: a listing asked before this moment
-- is older than the one stored and is not taken.
alter table entitlement add column stripe_features_as_of timestamp with time zone;
