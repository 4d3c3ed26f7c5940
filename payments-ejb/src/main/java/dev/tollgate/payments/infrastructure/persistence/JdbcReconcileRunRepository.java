package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.service.ReconcileRunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/** {@code reconcile_run} as plain statements in the caller's transaction. */
@ApplicationScoped
public class JdbcReconcileRunRepository implements ReconcileRunRepository {

    private static final String SELECT = "select id, job, node, dry_run, status, started_at, finished_at, listed_from,"
            + " listed_up_to, progress, stripe_calls, seen, applied, healed, last_error from reconcile_run ";

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public void add(ReconcileRun run) {
        long id = jdbc.withHandle(handle -> bindFigures(handle.createUpdate("insert into reconcile_run (job, node,"
                        + " dry_run, status, started_at, finished_at, listed_from, listed_up_to, progress, stripe_calls,"
                        + " seen, applied, healed, last_error) values (:job, :node, :dryRun, :status, :startedAt,"
                        + " :finishedAt, :listedFrom, :listedUpTo, :progress, :stripeCalls, :seen, :applied, :healed,"
                        + " :lastError)"), run)
                .bind("job", run.job().dbValue())
                .bind("dryRun", run.dryRun())
                .bind("startedAt", run.startedAt())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
        run.identify(id);
    }

    @Override
    public void update(ReconcileRun run) {
        String key = String.valueOf(run.id());
        jdbc.updateOne("reconcile_run", key, handle -> bindFigures(handle.createUpdate("update reconcile_run"
                        + " set node = :node, status = :status, finished_at = :finishedAt, listed_from = :listedFrom,"
                        + " listed_up_to = :listedUpTo, progress = :progress, stripe_calls = :stripeCalls,"
                        + " seen = :seen, applied = :applied, healed = :healed, last_error = :lastError"
                        + " where id = :id"), run)
                .bind("id", run.id()));
    }

    @Override
    public Optional<ReconcileRun> find(long id) {
        return jdbc.withHandle(handle -> handle.createQuery(SELECT + "where id = :id")
                .bind("id", id)
                .map(JdbcReconcileRunRepository::read)
                .findOne());
    }

    @Override
    public Optional<ReconcileRun> unfinished(ReconcileJob job) {
        return jdbc.withHandle(handle -> handle.createQuery(SELECT + "where job = :job and status = 'running'"
                        + " order by started_at desc, id desc")
                .bind("job", job.dbValue())
                .setMaxRows(1)
                .map(JdbcReconcileRunRepository::read)
                .findFirst());
    }

    @Override
    public Optional<Instant> catchUpCheckpoint() {
        return jdbc.withHandle(handle -> handle.createQuery("select max(listed_up_to) from reconcile_run"
                        + " where job = :job and status = 'completed'")
                .bind("job", ReconcileJob.CATCH_UP.dbValue())
                .mapTo(Long.class)
                .list())
                .stream().filter(Objects::nonNull).findFirst().map(Instant::ofEpochSecond); // max() of no rows: null
    }

    @Override
    public Optional<Instant> purchaseCheckpoint() {
        return lastStart(ReconcileJob.DRIFT_SCAN, "status = 'completed' and dry_run = false");
    }

    @Override
    public Optional<Instant> purchasesSettled() {
        // a drift scan's listed_up_to is when the Checkouts were settled (null: some were not)
        return jdbc.withHandle(handle -> handle.createQuery("select listed_up_to from reconcile_run"
                        + " where job = :job and status = 'completed' and dry_run = false"
                        + " order by started_at desc, id desc")
                .bind("job", ReconcileJob.DRIFT_SCAN.dbValue())
                .setMaxRows(1)
                .mapTo(Long.class)
                .list())
                .stream().filter(Objects::nonNull).findFirst().map(Instant::ofEpochSecond);
    }

    @Override
    public Optional<Instant> lastStarted(ReconcileJob job) {
        return lastStart(job, "status in ('completed', 'running')");
    }

    private Optional<Instant> lastStart(ReconcileJob job, String condition) {
        return jdbc.withHandle(handle -> handle.createQuery("select max(started_at) as last_started from reconcile_run"
                        + " where job = :job and " + condition)
                .bind("job", job.dbValue())
                .map((row, context) -> Rows.instant(row, "last_started"))
                .list())
                .stream().filter(Objects::nonNull).findFirst(); // max() of no rows: null
    }

    @Override
    public List<ReconcileRun> recent(int limit) {
        return jdbc.withHandle(handle -> handle.createQuery(SELECT + "order by started_at desc, id desc")
                .setMaxRows(limit)
                .map(JdbcReconcileRunRepository::read)
                .list());
    }

    private static Update bindFigures(Update statement, ReconcileRun run) {
        return statement.bind("node", run.node())
                .bind("status", run.status().dbValue())
                .bind("finishedAt", run.finishedAt().orElse(null))
                .bind("listedFrom", run.listedFrom().map(Instant::getEpochSecond).orElse(null))
                .bind("listedUpTo", run.listedUpTo().map(Instant::getEpochSecond).orElse(null))
                .bind("progress", run.progress().orElse(null))
                .bind("stripeCalls", run.stripeCalls())
                .bind("seen", run.seen())
                .bind("applied", run.applied())
                .bind("healed", run.healed())
                .bind("lastError", run.lastError().orElse(null));
    }

    private static ReconcileRun read(ResultSet row, StatementContext context) throws SQLException {
        return ReconcileRun.restored(row.getLong("id"), ReconcileJob.fromDb(row.getString("job")),
                row.getString("node"), row.getBoolean("dry_run"), ReconcileRun.Status.fromDb(row.getString("status")),
                Rows.instant(row, "started_at"), Rows.instant(row, "finished_at"), epoch(row, "listed_from"),
                epoch(row, "listed_up_to"), row.getString("progress"), row.getLong("stripe_calls"),
                row.getLong("seen"), row.getLong("applied"), row.getLong("healed"), row.getString("last_error"));
    }

    private static Instant epoch(ResultSet row, String column) throws SQLException {
        long seconds = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochSecond(seconds);
    }
}
