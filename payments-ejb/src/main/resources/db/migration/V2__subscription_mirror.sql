-- Our copy of each Stripe subscription, with the moment of Stripe state it reflects. Events carry the new state;
-- keeping it here lets a handler apply a newer payload, ignore an older one and recompute access without asking
-- Stripe again (ARCHITECTURE.md rule 2).
create table stripe_subscription (
    subscription_id      varchar(255) not null primary key,
    customer_id          varchar(255) not null,
    status               varchar(40)  not null,
    prices               varchar(2000) not null, -- comma list of price ids and lookup keys of its items
    current_period_start timestamp with time zone,
    current_period_end   timestamp with time zone,
    cancel_at_period_end boolean      not null,
    created_at           timestamp with time zone not null,
    stripe_as_of         bigint       not null,  -- epoch seconds: event "created", or when we fetched it
    updated_at           timestamp with time zone not null
);
create index ix_stripe_subscription_customer on stripe_subscription (customer_id);
