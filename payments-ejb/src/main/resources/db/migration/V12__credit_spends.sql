-- Spending credits: the gate's credits:N rules and the apps' own spends (docs/design.md, "Spending credits").

-- A spend's row keeps what was asked, so a repeated key answers what its first spend answered, also a refusal
-- (reason spend_refused, amount 0); detail says what was paid for ("GET /api/reports/q3", the app's key).
alter table credit_ledger add column requested bigint;
alter table credit_ledger add column detail varchar(255);

-- Spends take credits only where the balance covers them; the database refuses a negative balance all the same.
alter table entitlement add constraint ck_entitlement_credits check (credits >= 0);
