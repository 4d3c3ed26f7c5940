-- When a subscription whose current period was taken back (full refund, lost dispute) renews. The gate asks the
-- payments WAR for a sync once this has passed, as it does when access_until passes: the renewal's events may be
-- late, and the next period is paid separately. Null when no such subscription exists.
alter table entitlement add column renews_at timestamp with time zone;
