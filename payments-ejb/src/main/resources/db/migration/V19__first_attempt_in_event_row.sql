-- The first attempt at an event that settles in the event's own claim (a type Tollgate ignores, an invoice its
-- subscription record already reflects: most deliveries) is kept in the event's row, not as a row of
-- webhook_attempt: its moment, outcome, note and source are the event's received_at, status, last_error and source,
-- which such an event never changes again; these two columns hold the rest. Every other attempt (an event applied
-- after its claim, a duplicate, a retry, a failure, a replay) stays a row of webhook_attempt. Null for events
-- logged before this migration and for those whose first attempt is a row.
alter table webhook_event add column first_attempt_ms bigint;
alter table webhook_event add column first_attempt_node varchar(255);
