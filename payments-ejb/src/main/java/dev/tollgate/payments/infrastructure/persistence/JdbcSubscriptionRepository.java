package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionRecord;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import dev.tollgate.payments.domain.service.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Our subscription records as plain statements in the caller's transaction (docs/design.md, "Persistence"). */
@ApplicationScoped
public class JdbcSubscriptionRepository implements SubscriptionRepository {

    /** What {@link #read} reads, also in {@link JdbcCustomerStateRepository}'s one statement. */
    static final String COLUMNS = "subscription_id, customer_id, status, prices, current_period_start,"
            + " current_period_end, cancel_at_period_end, created_at, stripe_as_of, updated_at, invoice_paid_at,"
            + " past_due_since";

    private static final String SELECT = "select " + COLUMNS + " from stripe_subscription ";

    private static final NamedSql FIND = NamedSql.of(SELECT + "where subscription_id = :subscriptionId");

    private static final NamedSql FIND_FOR_UPDATE = NamedSql.of(SELECT
            + "where subscription_id = :subscriptionId for update");

    private static final NamedSql OF_CUSTOMER = NamedSql.of(SELECT + "where customer_id = :customerId");

    private static final NamedSql MOMENT = NamedSql.of("select stripe_as_of, invoice_paid_at is not null as paid"
            + " from stripe_subscription where subscription_id = :subscriptionId");

    private static final NamedSql INSERT = NamedSql.of("insert into stripe_subscription (subscription_id,"
            + " customer_id, status, prices, current_period_start, current_period_end, cancel_at_period_end,"
            + " created_at, stripe_as_of, updated_at, invoice_paid_at, past_due_since) values (:subscriptionId,"
            + " :customerId, :status, :prices, :periodStart, :periodEnd, :cancelAtPeriodEnd, :createdAt, :stripeAsOf,"
            + " :updatedAt, :invoicePaidAt, :pastDueSince)");

    private static final NamedSql UPDATE = NamedSql.of("update stripe_subscription set"
            + " customer_id = :customerId, status = :status, prices = :prices,"
            + " current_period_start = :periodStart, current_period_end = :periodEnd,"
            + " cancel_at_period_end = :cancelAtPeriodEnd, created_at = :createdAt, stripe_as_of = :stripeAsOf,"
            + " updated_at = :updatedAt, invoice_paid_at = :invoicePaidAt, past_due_since = :pastDueSince"
            + " where subscription_id = :subscriptionId");

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public Optional<SubscriptionRecord> find(String subscriptionId) {
        return FIND.in(jdbc).bind("subscriptionId", subscriptionId).findOne(JdbcSubscriptionRepository::read);
    }

    @Override
    public Optional<SubscriptionRecord> findForUpdate(String subscriptionId) {
        return FIND_FOR_UPDATE.in(jdbc).bind("subscriptionId", subscriptionId)
                .findOne(JdbcSubscriptionRepository::read);
    }

    /** Only the record's moment and whether it knows of a paid invoice: asked for every invoice event. */
    @Override
    public Optional<SubscriptionRecord.Moment> moment(String subscriptionId) {
        return MOMENT.in(jdbc).bind("subscriptionId", subscriptionId).findOne(row -> new SubscriptionRecord.Moment(
                Instant.ofEpochSecond(row.getLong("stripe_as_of")), row.getBoolean("paid")));
    }

    @Override
    public List<SubscriptionRecord> ofCustomer(String customerId) {
        return OF_CUSTOMER.in(jdbc).bind("customerId", customerId).list(JdbcSubscriptionRepository::read);
    }

    @Override
    public List<SubscriptionRecord> ofCustomers(Collection<String> customerIds) {
        return jdbc.listByKeys(SELECT + "where customer_id in (<keys>)", customerIds,
                (row, context) -> read(row));
    }

    @Override
    public void add(SubscriptionRecord record) {
        bindRow(INSERT.in(jdbc), record).execute();
    }

    @Override
    public void update(SubscriptionRecord record) {
        bindRow(UPDATE.in(jdbc), record).executeOnOneRow("stripe_subscription", record.subscriptionId());
    }

    private static NamedSql.Run bindRow(NamedSql.Run statement, SubscriptionRecord record) {
        Subscription held = record.toSubscription();
        return statement
                .bind("subscriptionId", record.subscriptionId())
                .bind("customerId", held.customerId())
                .bind("status", record.status()) // as Stripe wrote it, also a status this version does not know
                .bind("prices", String.join(",", held.prices()))
                .bind("periodStart", held.currentPeriodStart())
                .bind("periodEnd", held.currentPeriodEnd())
                .bind("cancelAtPeriodEnd", held.cancelAtPeriodEnd())
                .bind("createdAt", record.createdAt())
                .bind("stripeAsOf", record.stripeAsOf().getEpochSecond())
                .bind("updatedAt", record.updatedAt())
                .bind("invoicePaidAt", record.invoicePaidAt().orElse(null))
                .bind("pastDueSince", record.pastDueSince().orElse(null));
    }

    static SubscriptionRecord read(ResultSet row) throws SQLException {
        Subscription held = new Subscription(row.getString("subscription_id"), row.getString("customer_id"),
                SubscriptionStatus.fromStripe(row.getString("status")), CommaList.list(row.getString("prices")),
                Rows.instant(row, "current_period_start"), Rows.instant(row, "current_period_end"),
                row.getBoolean("cancel_at_period_end"), Rows.instant(row, "created_at"));
        return SubscriptionRecord.restored(held, row.getLong("stripe_as_of"), Rows.instant(row, "updated_at"),
                Rows.instant(row, "invoice_paid_at"), Rows.instant(row, "past_due_since"));
    }
}
