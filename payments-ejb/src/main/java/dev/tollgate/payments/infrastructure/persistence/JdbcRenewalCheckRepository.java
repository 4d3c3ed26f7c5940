package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.service.RenewalCheckRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * {@code renewal_check} as plain statements in the caller's transaction. The gate writes the same table with its
 * own JDBC (insert, or re-open an answered row); this side only claims and answers.
 */
@ApplicationScoped
public class JdbcRenewalCheckRepository implements RenewalCheckRepository {

    static final String OPEN_AND_UNCLAIMED =
            "answered_at is null and (claimed_at is null or claimed_at < :claimExpiredBefore)";

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public List<String> openUsers(Instant claimExpiredBefore, int max) {
        return jdbc.withHandle(handle -> handle.createQuery("select user_id from renewal_check where "
                        + OPEN_AND_UNCLAIMED + " order by requested_at")
                .bind("claimExpiredBefore", claimExpiredBefore)
                .setMaxRows(max)
                .mapTo(String.class)
                .list());
    }

    @Override
    public boolean claim(String userId, Instant now, Instant claimExpiredBefore) {
        return jdbc.withHandle(handle -> handle.createUpdate("update renewal_check set claimed_at = :now"
                        + " where user_id = :userId and " + OPEN_AND_UNCLAIMED)
                .bind("now", now)
                .bind("userId", userId)
                .bind("claimExpiredBefore", claimExpiredBefore)
                .execute()) == 1;
    }

    @Override
    public void answer(String userId, Instant now) {
        jdbc.withHandle(handle -> handle.createUpdate("update renewal_check set answered_at = :now"
                        + " where user_id = :userId and answered_at is null")
                .bind("now", now)
                .bind("userId", userId)
                .execute());
    }
}
