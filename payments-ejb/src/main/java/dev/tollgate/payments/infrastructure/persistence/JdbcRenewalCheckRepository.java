package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.service.RenewalCheckRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code renewal_check} as plain statements in the caller's transaction. The gate writes the same table with its
 * own JDBC (insert, or re-open an answered row); this side only claims and answers.
 */
@ApplicationScoped
public class JdbcRenewalCheckRepository implements RenewalCheckRepository {

    static final String OPEN_AND_UNCLAIMED = "answered_at is null and (claimed_at is null or claimed_at < ?)";

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public List<String> openUsers(Instant claimExpiredBefore, int max) {
        return jdbc.inCurrentTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select user_id from renewal_check where "
                    + OPEN_AND_UNCLAIMED + " order by requested_at")) {
                select.setObject(1, TransactionalJdbc.parameter(claimExpiredBefore));
                select.setMaxRows(max);
                try (ResultSet rows = select.executeQuery()) {
                    List<String> users = new ArrayList<>();
                    while (rows.next()) {
                        users.add(rows.getString(1));
                    }
                    return users;
                }
            }
        });
    }

    @Override
    public boolean claim(String userId, Instant now, Instant claimExpiredBefore) {
        return jdbc.execute("update renewal_check set claimed_at = ? where user_id = ? and " + OPEN_AND_UNCLAIMED,
                now, userId, claimExpiredBefore) == 1;
    }

    @Override
    public void answer(String userId, Instant now) {
        jdbc.execute("update renewal_check set answered_at = ? where user_id = ? and answered_at is null", now, userId);
    }
}
