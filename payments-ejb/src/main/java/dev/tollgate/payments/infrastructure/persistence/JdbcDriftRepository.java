package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Drift;
import dev.tollgate.payments.domain.service.DriftRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** {@code drift} as plain statements in the caller's transaction. */
@ApplicationScoped
public class JdbcDriftRepository implements DriftRepository {

    private static final String SELECT = "select id, run_id, user_id, customer_id, ours, stripe, reason, found_at,"
            + " healed_at, healed_version from drift ";

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public Drift add(Drift drift) {
        long id = jdbc.withHandle(handle -> handle.createUpdate("insert into drift (run_id, user_id, customer_id, ours,"
                        + " stripe, reason, found_at, healed_at, healed_version) values (:runId, :userId, :customerId,"
                        + " :ours, :stripe, :reason, :foundAt, :healedAt, :healedVersion)")
                .bind("runId", drift.runId())
                .bind("userId", drift.userId())
                .bind("customerId", drift.customerId().orElse(null))
                .bind("ours", cut(drift.ours()))
                .bind("stripe", cut(drift.stripe()))
                .bind("reason", cut(drift.reason()))
                .bind("foundAt", drift.foundAt())
                .bind("healedAt", drift.healedAt().orElse(null))
                .bind("healedVersion", drift.healedVersion().orElse(null))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
        return new Drift(Optional.of(id), drift.runId(), drift.userId(), drift.customerId(), drift.ours(),
                drift.stripe(), drift.reason(), drift.foundAt(), drift.healedAt(), drift.healedVersion());
    }

    @Override
    public void update(Drift healed) {
        long id = healed.id().orElseThrow(() -> new IllegalArgumentException("drift not stored yet"));
        jdbc.updateOne("drift", String.valueOf(id), handle -> handle.createUpdate("update drift set"
                        + " healed_at = :healedAt, healed_version = :healedVersion where id = :id")
                .bind("healedAt", healed.healedAt().orElse(null))
                .bind("healedVersion", healed.healedVersion().orElse(null))
                .bind("id", id));
    }

    @Override
    public List<Drift> open(int limit) {
        return jdbc.withHandle(handle -> handle.createQuery(SELECT + "where healed_at is null"
                        + " order by found_at desc, id desc")
                .setMaxRows(limit)
                .map(JdbcDriftRepository::read)
                .list());
    }

    @Override
    public long countOpen() {
        return jdbc.withHandle(handle -> handle.createQuery("select count(*) from drift where healed_at is null")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<Drift> ofUser(String userId, int limit) {
        return jdbc.withHandle(handle -> handle.createQuery(SELECT + "where user_id = :userId"
                        + " order by found_at desc, id desc")
                .bind("userId", userId)
                .setMaxRows(limit)
                .map(JdbcDriftRepository::read)
                .list());
    }

    @Override
    public List<Drift> ofRun(long runId) {
        return jdbc.withHandle(handle -> handle.createQuery(SELECT + "where run_id = :runId order by id")
                .bind("runId", runId)
                .map(JdbcDriftRepository::read)
                .list());
    }

    /** The columns hold 500 characters; a description is never worth failing a scan for. */
    private static String cut(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static Drift read(ResultSet row, StatementContext context) throws SQLException {
        long version = row.getLong("healed_version");
        Optional<Long> healedVersion = row.wasNull() ? Optional.empty() : Optional.of(version);
        Instant healedAt = Rows.instant(row, "healed_at");
        return new Drift(Optional.of(row.getLong("id")), row.getLong("run_id"), row.getString("user_id"),
                Optional.ofNullable(row.getString("customer_id")), row.getString("ours"), row.getString("stripe"),
                row.getString("reason"), Rows.instant(row, "found_at"), Optional.ofNullable(healedAt), healedVersion);
    }
}
