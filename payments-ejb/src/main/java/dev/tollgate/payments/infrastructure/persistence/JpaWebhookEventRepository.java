package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.application.EventAlreadyClaimedException;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.WebhookEvent;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

@ApplicationScoped
public class JpaWebhookEventRepository implements WebhookEventRepository {

    /** The SQL types of webhook_event's columns, as V1__entitlement_schema.sql creates them. */
    private static final Map<String, String> COLUMN_TYPES = Map.ofEntries(
            Map.entry("event_id", "varchar(255)"), Map.entry("type", "varchar(100)"),
            Map.entry("livemode", "boolean"), Map.entry("stripe_created", "bigint"),
            Map.entry("object_id", "varchar(255)"), Map.entry("received_at", "timestamp with time zone"),
            Map.entry("processed_at", "timestamp with time zone"), Map.entry("status", "varchar(20)"),
            Map.entry("attempts", "integer"), Map.entry("last_error", "varchar(1000)"),
            Map.entry("source", "varchar(20)"), Map.entry("payload", "varchar(65536)"));
    private static final Map<List<String>, String> CLAIM_STATEMENTS = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public Optional<WebhookEvent> find(String eventId) {
        return Optional.ofNullable(em.find(WebhookEvent.class, eventId));
    }

    /** A plain statement on the transaction's connection, like the claim it follows. */
    @Override
    public Optional<EventStatus> lockedStatus(String eventId) {
        return jdbc.one("select status from webhook_event where event_id = ? for update", eventId,
                row -> EventStatus.fromDb(row.getString(1)));
    }

    @Override
    public Optional<WebhookEvent> findForUpdate(String eventId) {
        return Optional.ofNullable(em.find(WebhookEvent.class, eventId, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * One statement, "insert … where not exists": a redelivery of a committed event inserts nothing and fails
     * nothing, so it needs neither a read before every claim nor an exception (and the provider's error log) for
     * every duplicate. Only a truly concurrent duplicate meets the primary key. Plain JDBC in the transaction, not
     * a persist or a native query: JPQL has no conditional insert, and this runs for every event, where the
     * provider's query machinery cost more than the statement. The casts give the select list the columns' types
     * on H2 and PostgreSQL alike.
     */
    @Override
    public boolean claim(WebhookEvent event) {
        Map<String, Object> row = event.columns();
        String sql = CLAIM_STATEMENTS.computeIfAbsent(List.copyOf(row.keySet()),
                JpaWebhookEventRepository::claimStatement);
        try {
            return jdbc.inCurrentTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(sql)) {
                    int position = 1;
                    for (Object value : row.values()) {
                        insert.setObject(position++, TransactionalJdbc.parameter(value));
                    }
                    insert.setString(position, event.eventId());
                    return insert.executeUpdate() == 1;
                }
            });
        } catch (PersistenceException failure) {
            if (UniqueViolation.isCauseOf(failure)) {
                throw new EventAlreadyClaimedException(event.eventId());
            }
            throw failure;
        }
    }

    /** An update of the three outcome columns, on the claim's own connection: the entry is not an entity here. */
    @Override
    public void recordOutcome(WebhookEvent event) {
        jdbc.updateOne("update webhook_event set status = ?, processed_at = ?, last_error = ? where event_id = ?",
                event.status().dbValue(), event.processedAt(), event.lastError(), event.eventId());
    }

    private static String claimStatement(List<String> columns) {
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < columns.size(); i++) {
            values.add("cast(? as " + COLUMN_TYPES.get(columns.get(i)) + ")");
        }
        return "insert into webhook_event (" + String.join(", ", columns) + ") select " + values
                + " from (values (1)) as one (x)"
                + " where not exists (select event_id from webhook_event where event_id = ?)";
    }

    @Override
    public long countWithStatus(EventStatus status) {
        return em.createQuery("select count(e) from WebhookEvent e where e.status = :status", Long.class)
                .setParameter("status", status.dbValue()).getSingleResult();
    }
}
