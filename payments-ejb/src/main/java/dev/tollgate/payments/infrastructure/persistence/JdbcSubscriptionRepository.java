package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionRecord;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import dev.tollgate.payments.domain.service.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Our subscription records as plain statements in the caller's transaction (docs/design.md, "Persistence"). */
@ApplicationScoped
public class JdbcSubscriptionRepository extends MappedRepository<SubscriptionRecord> implements SubscriptionRepository {

    public JdbcSubscriptionRepository() {
        super("stripe_subscription", "subscription_id", List.of("customer_id", "status", "prices",
                "current_period_start", "current_period_end", "cancel_at_period_end", "created_at", "stripe_as_of",
                "updated_at"));
    }

    @Override
    public Optional<SubscriptionRecord> find(String subscriptionId) {
        return one("where subscription_id = ?", subscriptionId);
    }

    @Override
    public Optional<SubscriptionRecord> findForUpdate(String subscriptionId) {
        return one("where subscription_id = ? for update", subscriptionId);
    }

    /** Only the record's moment: asked for every invoice event. */
    @Override
    public Optional<Instant> stripeAsOf(String subscriptionId) {
        return jdbc.one("select stripe_as_of from stripe_subscription where subscription_id = ?", subscriptionId,
                row -> Instant.ofEpochSecond(row.getLong(1)));
    }

    @Override
    public List<SubscriptionRecord> ofCustomer(String customerId) {
        return list("where customer_id = ?", customerId);
    }

    @Override
    Object[] written(SubscriptionRecord record) {
        Subscription held = record.toSubscription();
        return new Object[] {held.customerId(), record.status(), record.pricesList(),
                held.currentPeriodStart(), held.currentPeriodEnd(), held.cancelAtPeriodEnd(), record.createdAt(),
                record.stripeAsOf().getEpochSecond(), record.updatedAt(), record.subscriptionId()};
    }

    @Override
    SubscriptionRecord read(ResultSet row) throws SQLException {
        Subscription held = new Subscription(row.getString("subscription_id"), row.getString("customer_id"),
                SubscriptionStatus.fromStripe(row.getString("status")),
                SubscriptionRecord.prices(row.getString("prices")),
                TransactionalJdbc.instant(row, "current_period_start"),
                TransactionalJdbc.instant(row, "current_period_end"), row.getBoolean("cancel_at_period_end"),
                TransactionalJdbc.instant(row, "created_at"));
        return SubscriptionRecord.restored(held, row.getLong("stripe_as_of"),
                TransactionalJdbc.instant(row, "updated_at"));
    }
}
