package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChange;
import dev.tollgate.payments.domain.model.Grant;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Entitlement rows as plain statements in the caller's transaction (docs/design.md, "Persistence"). The gate reads
 * the same rows with its own JDBC (plans, features, status, access_until, renews_at, credits, version); only this
 * module writes them.
 */
@ApplicationScoped
public class JdbcEntitlementRepository implements EntitlementRepository {

    /** What {@link #read} reads, also in {@link JdbcCustomerStateRepository}'s one statement. */
    static final String COLUMNS = "user_id, plan, plans, features, stripe_features, stripe_features_as_of, status,"
            + " access_until, renews_at, credits, subscription_id, version, updated_at";

    private static final String SELECT = "select " + COLUMNS + " from entitlement ";

    private static final NamedSql FIND = NamedSql.of(SELECT + "where user_id = :userId");

    private static final NamedSql INSERT = NamedSql.of("insert into entitlement (user_id, plan, plans,"
            + " features, stripe_features, stripe_features_as_of, status, access_until, renews_at, credits,"
            + " subscription_id, version, updated_at) values (:userId, :plan, :plans, :features,"
            + " :stripeFeatures, :stripeFeaturesAsOf, :status, :accessUntil, :renewsAt, :credits,"
            + " :subscriptionId, :version, :updatedAt)");

    private static final NamedSql UPDATE = NamedSql.of("update entitlement set plan = :plan,"
            + " plans = :plans, features = :features, stripe_features = :stripeFeatures,"
            + " stripe_features_as_of = :stripeFeaturesAsOf, status = :status,"
            + " access_until = :accessUntil, renews_at = :renewsAt, credits = :credits,"
            + " subscription_id = :subscriptionId, version = :version, updated_at = :updatedAt"
            + " where user_id = :userId");

    private static final NamedSql INSERT_HISTORY = NamedSql.of("insert into entitlement_history (user_id, version,"
            + " plan, status, grants_access, access_until, credits, cause, cause_ref, changed_at) values (:userId,"
            + " :version, :plan, :status, :grantsAccess, :accessUntil, :credits, :cause, :causeRef, :changedAt)");

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public Optional<Entitlement> find(String userId) {
        return FIND.in(jdbc).bind("userId", userId).findOne(JdbcEntitlementRepository::read);
    }

    @Override
    public List<Entitlement> findAll(Collection<String> userIds) {
        return jdbc.listByKeys(SELECT + "where user_id in (<keys>)", userIds, (row, context) -> read(row));
    }

    @Override
    public void add(Entitlement entitlement) {
        bindRow(INSERT.in(jdbc), entitlement).execute();
    }

    @Override
    public void update(Entitlement entitlement) {
        bindRow(UPDATE.in(jdbc), entitlement).executeOnOneRow("entitlement", entitlement.userId());
        if (entitlement.movedSinceStored()) {
            addHistory(EntitlementChange.of(entitlement, ChangeCause.current()));
        }
        entitlement.stored();
    }

    /** One insert beside the row's update: the webhook path pays no read for its history. */
    private void addHistory(EntitlementChange change) {
        INSERT_HISTORY.in(jdbc)
                .bind("userId", change.userId())
                .bind("version", change.version())
                .bind("plan", change.plan())
                .bind("status", change.status().stripeName())
                .bind("grantsAccess", change.grantsAccess())
                .bind("accessUntil", change.accessUntil())
                .bind("credits", change.credits())
                .bind("cause", change.cause().source().dbValue())
                .bind("causeRef", cut(change.cause().reference()))
                .bind("changedAt", change.changedAt())
                .execute();
    }

    @Override
    public List<EntitlementChange> history(String userId, int limit) {
        return jdbc.withHandle(handle -> handle.createQuery("select user_id, version, plan, status, grants_access,"
                        + " access_until, credits, cause, cause_ref, changed_at from entitlement_history"
                        + " where user_id = :userId order by version desc, id desc")
                .bind("userId", userId)
                .setMaxRows(limit)
                .map(JdbcEntitlementRepository::readChange)
                .list());
    }

    private static EntitlementChange readChange(ResultSet row, StatementContext context) throws SQLException {
        return new EntitlementChange(row.getString("user_id"), row.getLong("version"), row.getString("plan"),
                SubscriptionStatus.fromStripe(row.getString("status")), row.getBoolean("grants_access"),
                Rows.instant(row, "access_until"), row.getLong("credits"),
                ChangeCause.of(ChangeCause.Source.fromDb(row.getString("cause")), row.getString("cause_ref")),
                Rows.instant(row, "changed_at"));
    }

    private static String cut(String text) {
        return text == null || text.length() <= 255 ? text : text.substring(0, 255);
    }

    private static NamedSql.Run bindRow(NamedSql.Run statement, Entitlement entitlement) {
        Grant grant = entitlement.grant();
        return statement
                .bind("userId", entitlement.userId())
                .bind("plan", grant.plan())
                .bind("plans", CommaList.firstThenSorted(grant.plan(), grant.plans()))
                .bind("features", CommaList.sorted(grant.features()))
                .bind("stripeFeatures", CommaList.sorted(entitlement.stripeFeatures()))
                .bind("stripeFeaturesAsOf", entitlement.stripeFeaturesAsOf())
                .bind("status", grant.status().stripeName())
                .bind("accessUntil", grant.accessUntil())
                .bind("renewsAt", grant.renewsAt())
                .bind("credits", entitlement.credits())
                .bind("subscriptionId", grant.subscriptionId())
                .bind("version", entitlement.version())
                .bind("updatedAt", entitlement.updatedAt());
    }

    static Entitlement read(ResultSet row) throws SQLException {
        Grant grant = new Grant(row.getString("plan"), CommaList.set(row.getString("plans")),
                CommaList.set(row.getString("features")), SubscriptionStatus.fromStripe(row.getString("status")),
                Rows.instant(row, "access_until"), row.getString("subscription_id"), Rows.instant(row, "renews_at"));
        return Entitlement.restored(row.getString("user_id"), grant, CommaList.set(row.getString("stripe_features")),
                Rows.instant(row, "stripe_features_as_of"), row.getLong("credits"), row.getLong("version"), Rows.instant(row, "updated_at"));
    }
}
