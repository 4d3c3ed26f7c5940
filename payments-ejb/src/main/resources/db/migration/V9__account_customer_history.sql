-- Stripe customers an account let go of because Stripe deleted them (customer.deleted). The account is then free
-- to get a new customer at its next checkout; the deleted one stays findable by its user for the admin, and its
-- late events are recognised as its own and change nothing. A customer is deleted once, so its id is the key.
create table account_customer_history (
    stripe_customer_id varchar(255) not null primary key,
    user_id            varchar(255) not null,
    unlinked_at        timestamp with time zone not null
);
create index ix_account_customer_history_user on account_customer_history (user_id, unlinked_at);
