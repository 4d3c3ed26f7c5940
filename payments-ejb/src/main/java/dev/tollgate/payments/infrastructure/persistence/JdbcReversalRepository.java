package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.service.ReversalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Refunds and disputes as plain statements in the caller's transaction (docs/design.md, "Persistence"). */
@ApplicationScoped
public class JdbcReversalRepository implements ReversalRepository {

    /** The columns a write sets, in the order of {@link #written}. */
    private static final List<String> WRITTEN = List.of("kind", "customer_id", "charge_id", "amount", "full_reversal",
            "status", "created_at", "stripe_as_of", "updated_at");
    private static final String TABLE = "payment_reversal";
    private static final String COLUMNS = "select " + String.join(", ", WRITTEN) + ", reversal_id from " + TABLE;
    private static final String INSERT = TransactionalJdbc.insertInto(TABLE, WRITTEN, "reversal_id");
    private static final String UPDATE = TransactionalJdbc.updateOf(TABLE, WRITTEN, "reversal_id");

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public Optional<ReversalRecord> find(String reversalId) {
        return jdbc.one(COLUMNS + " where reversal_id = ?", reversalId, JdbcReversalRepository::read);
    }

    @Override
    public List<ReversalRecord> ofCustomer(String customerId) {
        return jdbc.list(COLUMNS + " where customer_id = ?", customerId, JdbcReversalRepository::read);
    }

    @Override
    public void add(ReversalRecord record) {
        jdbc.execute(INSERT, written(record));
    }

    @Override
    public void update(ReversalRecord record) {
        jdbc.updateOne(UPDATE, written(record));
    }

    /** The values of {@link #WRITTEN}, then the reversal id. */
    private static Object[] written(ReversalRecord record) {
        Reversal held = record.toReversal();
        return new Object[] {held.kind().name().toLowerCase(Locale.ROOT), held.customerId(), held.chargeId(),
                held.amount(), held.full(), held.status(), record.createdAt(), record.stripeAsOf().getEpochSecond(),
                record.updatedAt(), record.reversalId()};
    }

    private static ReversalRecord read(ResultSet row) throws SQLException {
        Reversal held = new Reversal(row.getString("reversal_id"),
                Reversal.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)), row.getString("customer_id"),
                row.getString("charge_id"), row.getLong("amount"), row.getBoolean("full_reversal"),
                row.getString("status"), TransactionalJdbc.instant(row, "created_at"));
        return ReversalRecord.restored(held, row.getLong("stripe_as_of"), TransactionalJdbc.instant(row, "updated_at"));
    }
}
