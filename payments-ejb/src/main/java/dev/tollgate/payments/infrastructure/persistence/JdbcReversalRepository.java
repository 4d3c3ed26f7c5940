package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.service.ReversalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.statement.Update;

/** Refunds and disputes as plain statements in the caller's transaction (docs/design.md, "Persistence"). */
@ApplicationScoped
public class JdbcReversalRepository implements ReversalRepository {

    /** What {@link #read} reads, also in {@link JdbcCustomerStateRepository}'s one statement. */
    static final String COLUMNS = "reversal_id, kind, customer_id, charge_id, amount, full_reversal, status,"
            + " created_at, stripe_as_of, updated_at, took_back_at";

    private static final String SELECT = "select " + COLUMNS + " from payment_reversal ";

    private static final String UPDATE = "update payment_reversal set"
            + " kind = :kind, customer_id = :customerId, charge_id = :chargeId, amount = :amount,"
            + " full_reversal = :full, status = :status, created_at = :createdAt, stripe_as_of = :stripeAsOf,"
            + " updated_at = :updatedAt, took_back_at = :tookBackAt where reversal_id = :reversalId";

    private static final NamedSql FIND = NamedSql.of(SELECT + "where reversal_id = :reversalId");

    /** Read by every recompute of a customer's entitlement. */
    private static final NamedSql OF_CUSTOMER = NamedSql.of(SELECT + "where customer_id = :customerId");

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public Optional<ReversalRecord> find(String reversalId) {
        return FIND.in(jdbc).bind("reversalId", reversalId).findOne(JdbcReversalRepository::read);
    }

    @Override
    public List<ReversalRecord> ofCustomer(String customerId) {
        return OF_CUSTOMER.in(jdbc).bind("customerId", customerId).list(JdbcReversalRepository::read);
    }

    @Override
    public List<ReversalRecord> ofCustomers(Collection<String> customerIds) {
        return jdbc.listByKeys(SELECT + "where customer_id in (<keys>)", customerIds,
                (row, context) -> read(row));
    }

    @Override
    public void add(ReversalRecord record) {
        jdbc.withHandle(handle -> bindRow(handle.createUpdate("insert into payment_reversal (reversal_id, kind,"
                + " customer_id, charge_id, amount, full_reversal, status, created_at, stripe_as_of, updated_at,"
                + " took_back_at) values (:reversalId, :kind, :customerId, :chargeId, :amount, :full, :status,"
                + " :createdAt, :stripeAsOf, :updatedAt, :tookBackAt)"), record).execute());
    }

    @Override
    public void update(ReversalRecord record) {
        jdbc.updateOne("payment_reversal", record.reversalId(), handle -> bindRow(handle.createUpdate(UPDATE), record));
    }

    private static Update bindRow(Update statement, ReversalRecord record) {
        Reversal held = record.toReversal();
        return statement
                .bind("reversalId", record.reversalId())
                .bind("kind", held.kind().name().toLowerCase(Locale.ROOT))
                .bind("customerId", held.customerId())
                .bind("chargeId", held.chargeId())
                .bind("amount", held.amount())
                .bind("full", held.full())
                .bind("status", held.status())
                .bind("createdAt", record.createdAt())
                .bind("stripeAsOf", record.stripeAsOf().getEpochSecond())
                .bind("updatedAt", record.updatedAt())
                .bind("tookBackAt", record.tookBackAt().orElse(null));
    }

    static ReversalRecord read(ResultSet row) throws SQLException {
        Reversal held = new Reversal(row.getString("reversal_id"),
                Reversal.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)), row.getString("customer_id"),
                row.getString("charge_id"), row.getLong("amount"), row.getBoolean("full_reversal"),
                row.getString("status"), Rows.instant(row, "created_at"));
        return ReversalRecord.restored(held, row.getLong("stripe_as_of"), Rows.instant(row, "updated_at"),
                Rows.instant(row, "took_back_at"));
    }
}
