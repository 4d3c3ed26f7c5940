-- The Checkouts Tollgate opens, so that a drift scan asks Stripe only about the one-time purchases that may still
-- be paid without anyone applying them, instead of listing every Checkout of a window (Stripe's Checkout listing
-- cannot filter by mode, so a shop selling subscriptions paid a call per 100 of them).
-- A row is written when Checkout answers with the new one, and settled once nothing more can come of it: its grant
-- applied (return page, webhook, catch-up or drift scan: in the grant's transaction), or Stripe reporting it expired
-- or its payment failed for good. Subscription-mode rows are settled from the start: the subscription it creates is
-- listed by every scan anyway.
-- Growth: one row of about 200 bytes per Checkout opened; nothing reads settled rows, so they may be deleted at will.
create table checkout_opened (
    checkout_id   varchar(255) not null primary key,
    user_id       varchar(255) not null,
    customer_id   varchar(255) not null,
    mode          varchar(20)  not null,   -- payment | subscription
    price_id      varchar(255) not null,
    sells         varchar(255) not null,   -- credits:<n> | plan-once:<plan> | subscription
    opened_at     timestamp with time zone not null,
    settled_at    timestamp with time zone,
    settled_how   varchar(40)              -- subscription | applied | expired | failed
);
create index ix_checkout_opened_unsettled on checkout_opened (settled_at, opened_at);

-- Since when every Checkout is recorded: one row, the moment this migration ran. A Checkout opened before it is
-- found by the drift scan's listing of Stripe's Checkouts, which stops at this moment.
create table checkout_recording (
    since timestamp with time zone not null
);
insert into checkout_recording (since) values (current_timestamp);
