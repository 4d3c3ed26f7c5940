package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.service.JobLeases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * {@code job_lease} as one conditional update per call: the database decides which of several nodes asking at
 * once gets the job (the row's write lock makes their updates take turns, and only the first finds it free).
 * Joins the caller's transaction; {@link dev.tollgate.payments.application.ReconcileBookkeeping} gives each call one.
 */
@ApplicationScoped
public class JdbcJobLeases implements JobLeases {

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public boolean acquire(ReconcileJob job, String holder, Instant now, Instant until) {
        // Not "or holder = :holder": the node that holds the job is running it (its schedule, or an admin's
        // request on the same node), and a second run there would carry on the same run beside the first.
        return jdbc.withHandle(handle -> handle.createUpdate("update job_lease set holder = :holder,"
                        + " expires_at = :until where job = :job and (holder is null or expires_at < :now)")
                .bind("holder", holder)
                .bind("until", until)
                .bind("job", job.dbValue())
                .bind("now", now)
                .execute()) == 1;
    }

    @Override
    public boolean renew(ReconcileJob job, String holder, Instant until) {
        return jdbc.withHandle(handle -> handle.createUpdate("update job_lease set expires_at = :until"
                        + " where job = :job and holder = :holder")
                .bind("until", until)
                .bind("job", job.dbValue())
                .bind("holder", holder)
                .execute()) == 1;
    }

    @Override
    public void release(ReconcileJob job, String holder, Instant now) {
        jdbc.withHandle(handle -> handle.createUpdate("update job_lease set holder = null, expires_at = :now"
                        + " where job = :job and holder = :holder")
                .bind("now", now)
                .bind("job", job.dbValue())
                .bind("holder", holder)
                .execute());
    }
}
