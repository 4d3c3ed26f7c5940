package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.AttemptOutcome;
import dev.tollgate.payments.domain.model.EventSource;
import dev.tollgate.payments.domain.model.WebhookAttempt;
import dev.tollgate.payments.domain.service.WebhookAttemptRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code webhook_attempt} as plain statements in the caller's transaction: one insert per attempt, except an
 * event's first attempt that settled in its claim, which the event's row keeps
 * ({@link JdbcWebhookEventRepository#claimWithAttempt}).
 */
@ApplicationScoped
public class JdbcWebhookAttemptRepository implements WebhookAttemptRepository {

    @Inject
    TransactionalJdbc jdbc;

    private static final NamedSql INSERT = NamedSql.of("insert into webhook_attempt (event_id, received_at, outcome,"
            + " error, duration_ms, source, node)"
            + " values (:eventId, :receivedAt, :outcome, :error, :durationMs, :source, :node)");

    /**
     * The first attempt kept in the event's row (V19), then the rows in the order they were written; the row's
     * attempt sorts first (id 0; the rows' ids start at 1).
     */
    private static final String OF_EVENT = "select event_id, received_at, status as outcome, last_error as error,"
            + " first_attempt_ms as duration_ms, source, first_attempt_node as node, cast(0 as bigint) as id"
            + " from webhook_event where event_id = :eventId and first_attempt_ms is not null"
            + " union all select event_id, received_at, outcome, error, duration_ms, source, node, id"
            + " from webhook_attempt where event_id = :eventId order by id";

    @Override
    public void add(WebhookAttempt attempt) {
        INSERT.in(jdbc).bind("eventId", attempt.eventId())
                .bind("receivedAt", attempt.receivedAt())
                .bind("outcome", attempt.outcome().dbValue())
                .bind("error", attempt.error())
                .bind("durationMs", attempt.duration().toMillis())
                .bind("source", attempt.source().dbValue())
                .bind("node", attempt.node())
                .execute();
    }

    @Override
    public List<WebhookAttempt> ofEvent(String eventId, int limit) {
        return jdbc.withHandle(handle -> handle.createQuery(OF_EVENT)
                .bind("eventId", eventId)
                .setMaxRows(limit)
                .map((row, context) -> new WebhookAttempt(row.getString("event_id"),
                        Rows.instant(row, "received_at"), AttemptOutcome.fromDb(row.getString("outcome")),
                        row.getString("error"), Duration.ofMillis(row.getLong("duration_ms")),
                        EventSource.valueOf(row.getString("source").toUpperCase(Locale.ROOT)), row.getString("node")))
                .list());
    }
}
