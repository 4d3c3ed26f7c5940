package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.service.AllowanceWindowRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** {@code allowance_window} as plain statements in the caller's transaction, which holds the account's lock. */
@ApplicationScoped
public class JdbcAllowanceWindowRepository implements AllowanceWindowRepository {

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public void schedule(String subscriptionId, String userId, Instant nextStart) {
        // update, else insert: portable between H2 and PostgreSQL, and safe because the account's lock is held
        jdbc.withHandle(handle -> {
            int updated = handle.createUpdate("update allowance_window set user_id = :userId, next_start = :next"
                            + " where subscription_id = :subscription")
                    .bind("userId", userId).bind("next", nextStart).bind("subscription", subscriptionId).execute();
            if (updated == 0) {
                handle.createUpdate("insert into allowance_window (subscription_id, user_id, next_start)"
                                + " values (:subscription, :userId, :next)")
                        .bind("subscription", subscriptionId).bind("userId", userId).bind("next", nextStart)
                        .execute();
            }
            return null;
        });
    }

    @Override
    public void unschedule(String subscriptionId) {
        jdbc.withHandle(handle -> handle.createUpdate("delete from allowance_window where subscription_id = :subscription")
                .bind("subscription", subscriptionId).execute());
    }

    @Override
    public void unscheduleDue(String userId, Instant now) {
        jdbc.withHandle(handle -> handle.createUpdate("delete from allowance_window where user_id = :userId"
                        + " and next_start <= :now")
                .bind("userId", userId).bind("now", now).execute());
    }

    @Override
    public List<String> usersDue(Instant now, int max) {
        return jdbc.withHandle(handle -> handle.createQuery("select distinct user_id from allowance_window"
                        + " where next_start <= :now")
                .bind("now", now)
                .setMaxRows(max)
                .mapTo(String.class)
                .list());
    }
}
