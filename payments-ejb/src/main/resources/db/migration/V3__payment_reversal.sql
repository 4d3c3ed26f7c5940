-- Refunds and disputes of a customer's charges. A full refund or a lost dispute of the current period's payment
-- revokes access under the default policy; the rows also feed the admin console.
create table payment_reversal (
    reversal_id   varchar(255) not null primary key, -- dp_… for a dispute, refund:ch_… for a charge's refunds
    kind          varchar(20)  not null,             -- refund | dispute
    customer_id   varchar(255) not null,
    charge_id     varchar(255) not null,
    amount        bigint       not null,             -- refunded or disputed amount, smallest currency unit
    full_reversal boolean      not null,
    status        varchar(40)  not null,             -- refund: refunded | partially_refunded; dispute: Stripe's status
    created_at    timestamp with time zone not null,
    stripe_as_of  bigint       not null,
    updated_at    timestamp with time zone not null
);
create index ix_payment_reversal_customer on payment_reversal (customer_id);
