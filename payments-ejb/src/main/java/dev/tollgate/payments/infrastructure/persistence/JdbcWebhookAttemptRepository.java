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

/** {@code webhook_attempt} as plain statements in the caller's transaction: one insert per delivery. */
@ApplicationScoped
public class JdbcWebhookAttemptRepository implements WebhookAttemptRepository {

    @Inject
    TransactionalJdbc jdbc;

    /** The row's columns, filled by {@link #bindAttempt}. */
    static final String COLUMNS = "insert into webhook_attempt (event_id, received_at, outcome, error, duration_ms,"
            + " source, node)";

    private static final NamedSql INSERT = NamedSql.of(COLUMNS + " values (:eventId, :attemptReceivedAt, :outcome,"
            + " :error, :durationMs, :attemptSource, :node)");

    @Override
    public void add(WebhookAttempt attempt) {
        insert(jdbc, attempt);
    }

    /** The one insert of {@link #add}, in the caller's transaction. */
    static void insert(TransactionalJdbc jdbc, WebhookAttempt attempt) {
        bindAttempt(INSERT.in(jdbc), attempt).bind("eventId", attempt.eventId()).execute();
    }

    /** Binds the attempt's columns but its event id, under names no column of {@code webhook_event} shares. */
    static NamedSql.Run bindAttempt(NamedSql.Run statement, WebhookAttempt attempt) {
        return statement.bind("attemptReceivedAt", attempt.receivedAt())
                .bind("outcome", attempt.outcome().dbValue())
                .bind("error", attempt.error())
                .bind("durationMs", attempt.duration().toMillis())
                .bind("attemptSource", attempt.source().dbValue())
                .bind("node", attempt.node());
    }

    @Override
    public List<WebhookAttempt> ofEvent(String eventId, int limit) {
        return jdbc.withHandle(handle -> handle.createQuery("select event_id, received_at, outcome, error,"
                        + " duration_ms, source, node from webhook_attempt where event_id = :eventId order by id")
                .bind("eventId", eventId)
                .setMaxRows(limit)
                .map((row, context) -> new WebhookAttempt(row.getString("event_id"),
                        Rows.instant(row, "received_at"), AttemptOutcome.fromDb(row.getString("outcome")),
                        row.getString("error"), Duration.ofMillis(row.getLong("duration_ms")),
                        EventSource.valueOf(row.getString("source").toUpperCase(Locale.ROOT)), row.getString("node")))
                .list());
    }
}
