-- The gate's question "did a renewal go missing?", asked through the database so that it reaches the payments
-- WAR from any webapp, class loader, container or node. One row per user: the gate inserts it (or re-opens an
-- answered one) before refusing a user whose paid period lapsed on a renewing status, and waits a bounded time;
-- the payments WAR claims open rows, re-reads the user from Stripe through the one sync path and answers them.
create table renewal_check (
    user_id      varchar(255) not null primary key,
    requested_at timestamp with time zone not null, -- the latest ask (database time)
    claimed_at   timestamp with time zone,          -- a payments node is working on it since; null = not yet
    answered_at  timestamp with time zone           -- null while open: the gate waits for this or a new version
);
create index ix_renewal_check_open on renewal_check (answered_at, requested_at);
