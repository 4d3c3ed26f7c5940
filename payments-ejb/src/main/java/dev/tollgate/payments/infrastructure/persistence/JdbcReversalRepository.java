package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.service.ReversalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Refunds and disputes as plain statements in the caller's transaction (docs/design.md, "Persistence"). */
@ApplicationScoped
public class JdbcReversalRepository extends MappedRepository<ReversalRecord> implements ReversalRepository {

    public JdbcReversalRepository() {
        super("payment_reversal", "reversal_id", List.of("kind", "customer_id", "charge_id", "amount",
                "full_reversal", "status", "created_at", "stripe_as_of", "updated_at", "took_back_at"));
    }

    @Override
    public Optional<ReversalRecord> find(String reversalId) {
        return one("where reversal_id = ?", reversalId);
    }

    @Override
    public List<ReversalRecord> ofCustomer(String customerId) {
        return list("where customer_id = ?", customerId);
    }

    @Override
    Object[] written(ReversalRecord record) {
        Reversal held = record.toReversal();
        return new Object[] {held.kind().name().toLowerCase(Locale.ROOT), held.customerId(), held.chargeId(),
                held.amount(), held.full(), held.status(), record.createdAt(), record.stripeAsOf().getEpochSecond(),
                record.updatedAt(), record.tookBackAt().orElse(null), record.reversalId()};
    }

    @Override
    ReversalRecord read(ResultSet row) throws SQLException {
        Reversal held = new Reversal(row.getString("reversal_id"),
                Reversal.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)), row.getString("customer_id"),
                row.getString("charge_id"), row.getLong("amount"), row.getBoolean("full_reversal"),
                row.getString("status"), TransactionalJdbc.instant(row, "created_at"));
        return ReversalRecord.restored(held, row.getLong("stripe_as_of"), TransactionalJdbc.instant(row, "updated_at"),
                TransactionalJdbc.instant(row, "took_back_at"));
    }
}
