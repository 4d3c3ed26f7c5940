package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.OpenedCheckout;
import dev.tollgate.payments.domain.service.OpenedCheckouts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** {@code checkout_opened} and {@code checkout_recording} as plain statements in the caller's transaction. */
@ApplicationScoped
public class JdbcOpenedCheckouts implements OpenedCheckouts {

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public void add(OpenedCheckout opened) {
        jdbc.withHandle(handle -> handle.createUpdate("insert into checkout_opened (checkout_id, user_id, customer_id,"
                        + " mode, price_id, sells, opened_at, settled_at, settled_how) values (:id, :userId,"
                        + " :customerId, :mode, :priceId, :sells, :openedAt, :settledAt, :settledHow)")
                .bind("id", opened.checkoutId())
                .bind("userId", opened.userId())
                .bind("customerId", opened.customerId())
                .bind("mode", opened.mode().dbValue())
                .bind("priceId", opened.priceId())
                .bind("sells", opened.sells())
                .bind("openedAt", opened.openedAt())
                .bind("settledAt", opened.settledAt().orElse(null))
                .bind("settledHow", opened.isSettled() ? OpenedCheckout.Settlement.SUBSCRIPTION.dbValue() : null)
                .execute());
    }

    @Override
    public void settle(String checkoutId, OpenedCheckout.Settlement how, Instant at) {
        jdbc.withHandle(handle -> handle.createUpdate("update checkout_opened set settled_at = :at, settled_how = :how"
                        + " where checkout_id = :id and settled_at is null")
                .bind("at", at)
                .bind("how", how.dbValue())
                .bind("id", checkoutId)
                .execute());
    }

    @Override
    public List<OpenedCheckout> unsettledPurchases(int limit) {
        return jdbc.withHandle(handle -> handle.createQuery("select checkout_id, user_id, customer_id, mode, price_id,"
                        + " sells, opened_at, settled_at from checkout_opened where settled_at is null"
                        + " and mode = :mode order by opened_at, checkout_id")
                .bind("mode", OpenedCheckout.Mode.PAYMENT.dbValue())
                .setMaxRows(limit)
                .map(JdbcOpenedCheckouts::read)
                .list());
    }

    @Override
    public Instant recordedSince() {
        return jdbc.withHandle(handle -> handle.createQuery("select since from checkout_recording")
                .map((row, context) -> Rows.instant(row, "since"))
                .one());
    }

    private static OpenedCheckout read(ResultSet row, StatementContext context) throws SQLException {
        return new OpenedCheckout(row.getString("checkout_id"), row.getString("user_id"), row.getString("customer_id"),
                OpenedCheckout.Mode.of(row.getString("mode")), row.getString("price_id"), row.getString("sells"),
                Rows.instant(row, "opened_at"), Optional.ofNullable(Rows.instant(row, "settled_at")));
    }
}
