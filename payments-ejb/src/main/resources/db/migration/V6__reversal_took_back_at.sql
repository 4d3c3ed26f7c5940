-- When a refund or dispute took the money back: the report that made the charge fully refunded or the dispute
-- lost. The access policy holds this moment, not the first report (created_at), against the current period.
alter table payment_reversal add column took_back_at timestamp with time zone;
-- Rows written before keep the moment they were decided by until now: their first report.
update payment_reversal set took_back_at = created_at
    where (kind = 'refund' and full_reversal) or (kind = 'dispute' and status = 'lost');
