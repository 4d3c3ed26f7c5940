package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.service.EventAlreadyClaimedException;
import dev.tollgate.payments.domain.model.AttemptOutcome;
import dev.tollgate.payments.domain.model.EventCount;
import dev.tollgate.payments.domain.model.EventOutcome;
import dev.tollgate.payments.domain.model.EventQuery;
import dev.tollgate.payments.domain.model.LoggedEvent;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.WebhookAttempt;
import dev.tollgate.payments.domain.model.WebhookEvent;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;

/** The event log as plain statements in the caller's transaction: every webhook passes here first. */
@ApplicationScoped
public class JdbcWebhookEventRepository implements WebhookEventRepository {

    /**
     * One statement, "insert … where not exists": a redelivery of a committed event inserts nothing and fails
     * nothing, so it needs neither a read before every claim nor an exception for every duplicate. Only a truly
     * concurrent duplicate meets the primary key. The casts give the select list the columns' types
     * (V1__entitlement_schema.sql) on H2 and PostgreSQL alike.
     */
    private static final String CLAIM = "insert into webhook_event (event_id, type, livemode, stripe_created,"
            + " object_id, received_at, processed_at, status, attempts, last_error, source, payload, first_attempt_ms,"
            + " first_attempt_node)"
            + " select cast(:eventId as varchar(255)), cast(:type as varchar(100)), cast(:livemode as boolean),"
            + " cast(:stripeCreated as bigint), cast(:objectId as varchar(255)),"
            + " cast(:receivedAt as timestamp with time zone), cast(:processedAt as timestamp with time zone),"
            + " cast(:status as varchar(20)), cast(:attempts as integer), cast(:lastError as varchar(1000)),"
            + " cast(:source as varchar(20)), cast(:payload as varchar(65536)), cast(:firstAttemptMs as bigint),"
            + " cast(:firstAttemptNode as varchar(255))"
            + " from (values (1)) as one (x)";

    private static final String OUTCOME_COLUMNS = "status, processed_at, attempts, last_error";

    /** H2: the claim alone; when it inserted nothing, {@link #LOCKED_OUTCOME} reads the entry it met. */
    private static final NamedSql CLAIM_IF_NEW = NamedSql.of(CLAIM
            + " where not exists (select event_id from webhook_event where event_id = :eventId)");

    /**
     * PostgreSQL: the claim and, when the entry exists, its outcome read and locked, in one statement (data-modifying
     * {@code with}: every part sees the same snapshot, so the insert runs exactly when no entry was there to lock).
     * No row back: the entry was inserted.
     */
    private static final String CLAIM_OR_LOCK = "with existing as (select " + OUTCOME_COLUMNS + " from webhook_event"
            + " where event_id = :eventId for update), claimed as (" + CLAIM
            + " where not exists (select status from existing) returning event_id)";

    private static final NamedSql CLAIM_OR_LOCK_ALONE = NamedSql.of(CLAIM_OR_LOCK
            + " select " + OUTCOME_COLUMNS + " from existing");

    private static final NamedSql RECORD_OUTCOME = NamedSql.of("update webhook_event set status = :status,"
            + " processed_at = :processedAt, attempts = :attempts, last_error = :lastError where event_id = :eventId");

    private static final NamedSql LOCKED_OUTCOME = NamedSql.of("select " + OUTCOME_COLUMNS
            + " from webhook_event where event_id = :eventId for update");

    @Inject
    TransactionalJdbc jdbc;

    /** Whether the database is PostgreSQL; read from the first connection's metadata (no statement). */
    private volatile Boolean postgres;

    @Override
    public boolean exists(String eventId) {
        return jdbc.withHandle(handle -> handle.createQuery("select 1 from webhook_event where event_id = :eventId")
                .bind("eventId", eventId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
    }

    @Override
    public Optional<EventOutcome> claim(WebhookEvent event) {
        return claim(event, null);
    }

    /**
     * The attempt is kept in the entry's own row (V19): its moment, outcome, note and source are the entry's, so it
     * costs two columns of the one insert rather than a row of {@code webhook_attempt} and its indexes.
     */
    @Override
    public Optional<EventOutcome> claimWithAttempt(WebhookEvent event, WebhookAttempt attempt) {
        requireTheEntrysFirstAttempt(event, attempt);
        return claim(event, attempt);
    }

    /** @param firstAttempt the attempt the entry keeps in its row; null when its attempts are rows of their own */
    private Optional<EventOutcome> claim(WebhookEvent event, WebhookAttempt firstAttempt) {
        if (onPostgres()) {
            return claimed(event, () -> bindClaim(CLAIM_OR_LOCK_ALONE.in(jdbc), event, firstAttempt)
                    .findOne(JdbcWebhookEventRepository::readOutcome));
        }
        while (true) {
            boolean inserted = claimed(event, () -> bindClaim(CLAIM_IF_NEW.in(jdbc), event, firstAttempt)
                    .execute()) == 1;
            if (inserted) {
                return Optional.empty();
            }
            // H2: the claim inserted nothing, so the entry it met is read and locked; an entry deleted between the
            // two (an admin's clean-up) leaves the event unclaimed, so it is claimed again
            Optional<EventOutcome> existing = lockedOutcome(event.eventId());
            if (existing.isPresent()) {
                return existing;
            }
        }
    }

    /**
     * The row gives the attempt back with the entry's moment, outcome, note and source ({@link
     * JdbcWebhookAttemptRepository#ofEvent}): an attempt that says otherwise would be read back as what it was not.
     */
    private static void requireTheEntrysFirstAttempt(WebhookEvent event, WebhookAttempt attempt) {
        EventOutcome outcome = event.outcome();
        WebhookAttempt readBack = new WebhookAttempt(event.eventId(), event.receivedAt(),
                AttemptOutcome.of(outcome.status()), outcome.lastError(), attempt.duration(),
                event.source(), attempt.node());
        if (!readBack.equals(attempt)) {
            throw new IllegalArgumentException("the first attempt at " + event.eventId()
                    + " must have the moment, outcome, note and source of its entry");
        }
    }

    /** What the claim answered; a concurrent claim's commit is {@link EventAlreadyClaimedException}. */
    private static <T> T claimed(WebhookEvent event, Supplier<T> claim) {
        try {
            return claim.get();
        } catch (JdbiException failure) {
            if (UniqueViolation.isCauseOf(failure)) {
                throw new EventAlreadyClaimedException(event.eventId());
            }
            throw failure;
        }
    }

    private boolean onPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = jdbc.withHandle(handle -> {
                try {
                    return "PostgreSQL".equals(handle.getConnection().getMetaData().getDatabaseProductName());
                } catch (SQLException unreadable) {
                    throw new ConnectionException(unreadable);
                }
            });
            postgres = known;
        }
        return known;
    }

    private static NamedSql.Run bindClaim(NamedSql.Run statement, WebhookEvent event, WebhookAttempt firstAttempt) {
        EventOutcome outcome = event.outcome();
        return statement.bind("eventId", event.eventId())
                .bind("type", event.type())
                .bind("livemode", event.livemode())
                .bind("stripeCreated", event.stripeCreated().getEpochSecond())
                .bind("objectId", event.objectId())
                .bind("receivedAt", event.receivedAt())
                .bind("processedAt", outcome.processedAt())
                .bind("status", outcome.status().dbValue())
                .bind("attempts", outcome.attempts())
                .bind("lastError", outcome.lastError())
                .bind("source", event.source().dbValue())
                .bind("payload", event.payload())
                .bind("firstAttemptMs", firstAttempt == null ? null : firstAttempt.duration().toMillis())
                .bind("firstAttemptNode", firstAttempt == null ? null : firstAttempt.node());
    }

    @Override
    public void recordOutcome(String eventId, EventOutcome outcome) {
        RECORD_OUTCOME.in(jdbc)
                .bind("status", outcome.status().dbValue())
                .bind("processedAt", outcome.processedAt())
                .bind("attempts", outcome.attempts())
                .bind("lastError", outcome.lastError())
                .bind("eventId", eventId)
                .executeOnOneRow("webhook_event", eventId);
    }

    @Override
    public Optional<EventOutcome> lockedOutcome(String eventId) {
        return LOCKED_OUTCOME.in(jdbc).bind("eventId", eventId).findOne(JdbcWebhookEventRepository::readOutcome);
    }

    private static EventOutcome readOutcome(ResultSet row) throws SQLException {
        return new EventOutcome(EventStatus.fromDb(row.getString("status")), Rows.instant(row, "processed_at"),
                row.getInt("attempts"), row.getString("last_error"));
    }

    @Override
    public long countWithStatus(EventStatus status) {
        return jdbc.withHandle(handle -> handle.createQuery(
                        "select count(*) from webhook_event where status = :status")
                .bind("status", status.dbValue())
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<EventCount> countByTypeAndStatus() {
        return jdbc.withHandle(handle -> handle.createQuery(
                        "select type, status, count(*) as events from webhook_event group by type, status"
                                + " order by type, status")
                .map((row, context) -> new EventCount(row.getString("type"), row.getString("status"),
                        row.getLong("events")))
                .list());
    }

    @Override
    public java.util.Set<String> known(java.util.Collection<String> eventIds) {
        return java.util.Set.copyOf(jdbc.listByKeys("select event_id from webhook_event where event_id in (<keys>)",
                eventIds, (row, context) -> row.getString("event_id")));
    }

    @Override
    public Optional<String> payload(String eventId) {
        return jdbc.withHandle(handle -> handle.createQuery("select payload from webhook_event where event_id = :eventId")
                .bind("eventId", eventId)
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public List<String> idsWithStatus(EventStatus status, int limit) {
        return jdbc.withHandle(handle -> handle.createQuery("select event_id from webhook_event where status = :status"
                        + " order by stripe_created, event_id")
                .bind("status", status.dbValue())
                .setMaxRows(limit)
                .mapTo(String.class)
                .list());
    }

    @Override
    public List<String> idsOfType(String type, Instant from, Instant to, int limit) {
        return jdbc.withHandle(handle -> handle.createQuery("select event_id from webhook_event where type = :type"
                        + " and stripe_created >= :from and stripe_created < :to order by stripe_created, event_id")
                .bind("type", type)
                .bind("from", from.getEpochSecond())
                .bind("to", to.getEpochSecond())
                .setMaxRows(limit)
                .mapTo(String.class)
                .list());
    }

    private static final String LISTED_COLUMNS = "select event_id, type, livemode, stripe_created, object_id,"
            + " received_at, processed_at, status, attempts, last_error, source";

    @Override
    public List<LoggedEvent> search(EventQuery query) {
        return jdbc.withHandle(handle -> bind(handle.createQuery(LISTED_COLUMNS + " from webhook_event"
                        + where(query) + " order by stripe_created desc, event_id desc"
                        + " offset :offset rows fetch next :limit rows only"), query)
                .bind("offset", query.offset())
                .bind("limit", query.limit())
                .map((row, context) -> read(row, Optional.empty()))
                .list());
    }

    @Override
    public long count(EventQuery query) {
        return jdbc.withHandle(handle -> bind(handle.createQuery("select count(*) from webhook_event" + where(query)),
                query).mapTo(Long.class).one());
    }

    @Override
    public Optional<LoggedEvent> find(String eventId) {
        return jdbc.withHandle(handle -> handle.createQuery(LISTED_COLUMNS + ", payload from webhook_event"
                        + " where event_id = :eventId")
                .bind("eventId", eventId)
                .map((row, context) -> read(row, Optional.ofNullable(row.getString("payload"))))
                .findOne());
    }

    @Override
    public long countWithStatusSince(EventStatus status, Instant since) {
        return jdbc.withHandle(handle -> handle.createQuery(
                        "select count(*) from webhook_event where status = :status and received_at >= :since")
                .bind("status", status.dbValue())
                .bind("since", since)
                .mapTo(Long.class)
                .one());
    }

    @Override
    public Map<Long, Long> countsPerHour(Instant since) {
        // whole-number division of epoch seconds: the same hour buckets on H2 and PostgreSQL, no date functions
        Map<Long, Long> counts = new LinkedHashMap<>();
        jdbc.withHandle(handle -> handle.createQuery("select stripe_created / 3600 as hour_number,"
                        + " count(*) as event_count from webhook_event where stripe_created >= :since"
                        + " group by stripe_created / 3600 order by hour_number")
                .bind("since", since.getEpochSecond())
                .map((row, context) -> counts.put(row.getLong("hour_number") * 3600, row.getLong("event_count")))
                .list());
        return counts;
    }

    /** The query's conditions, each with a named parameter that {@link #bind} fills. */
    private static String where(EventQuery query) {
        List<String> conditions = new ArrayList<>();
        query.status().ifPresent(status -> conditions.add("status = :status"));
        query.type().ifPresent(type -> conditions.add("type = :type"));
        // a customer id is quoted in the payload ("customer": "cus_…"); ids never contain quotes or wildcards
        query.customerId().ifPresent(customer -> conditions.add("payload like :customerQuoted"));
        query.from().ifPresent(from -> conditions.add("stripe_created >= :from"));
        query.to().ifPresent(to -> conditions.add("stripe_created < :to"));
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static <S extends SqlStatement<S>> S bind(S statement, EventQuery query) {
        query.status().ifPresent(status -> statement.bind("status", status.dbValue()));
        query.type().ifPresent(type -> statement.bind("type", type));
        query.customerId().ifPresent(customer -> statement.bind("customerQuoted",
                "%\"" + customer.replaceAll("[^A-Za-z0-9_]", "") + "\"%"));
        query.from().ifPresent(from -> statement.bind("from", from.getEpochSecond()));
        query.to().ifPresent(to -> statement.bind("to", to.getEpochSecond()));
        return statement;
    }

    private static LoggedEvent read(ResultSet row, Optional<String> payload) throws SQLException {
        return new LoggedEvent(row.getString("event_id"), row.getString("type"), row.getBoolean("livemode"),
                Instant.ofEpochSecond(row.getLong("stripe_created")), row.getString("object_id"),
                Rows.instant(row, "received_at"), Rows.instant(row, "processed_at"),
                EventStatus.fromDb(row.getString("status")), row.getInt("attempts"), row.getString("last_error"),
                row.getString("source"), payload);
    }
}
