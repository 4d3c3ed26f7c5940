-- A plan's allowance on its own window (500/month inside a yearly subscription) and in units other than credits
-- (README "A plan's allowance"; docs/design.md "Allowances on their own window").

-- What a ledger row counts: the gate's credits (the balance in entitlement.credits) or an app's own unit, whose
-- balance is the sum of its rows. Every row so far counted credits.
alter table credit_ledger add column unit varchar(40) default 'credits' not null;
create index ix_credit_ledger_user_unit on credit_ledger (user_id, unit);

-- When a subscription's next allowance window starts: the payments WAR grants what is due every second, so a
-- window inside a billing period (where Stripe sends nothing) starts on time without an event. One row per
-- subscription with an allowance on its own window; rewritten whenever its allowances are settled.
create table allowance_window (
    subscription_id varchar(255) not null primary key,
    user_id         varchar(255) not null,
    next_start      timestamp with time zone not null
);
create index ix_allowance_window_next on allowance_window (next_start);
