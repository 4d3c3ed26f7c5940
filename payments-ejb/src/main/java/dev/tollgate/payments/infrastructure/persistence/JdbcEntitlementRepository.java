package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Entitlement rows as plain statements in the caller's transaction (docs/design.md, "Persistence"). The gate reads
 * the same rows with its own JDBC; only this module writes them.
 */
@ApplicationScoped
public class JdbcEntitlementRepository implements EntitlementRepository {

    /** The columns a write sets, in the order of {@link #written}. */
    private static final List<String> WRITTEN = List.of("plan", "plans", "features", "stripe_features", "status",
            "access_until", "credits", "subscription_id", "version", "updated_at");
    private static final String SELECT = "select " + String.join(", ", WRITTEN) + ", user_id from entitlement"
            + " where user_id = ?";
    private static final String INSERT = TransactionalJdbc.insertInto("entitlement", WRITTEN, "user_id");
    private static final String UPDATE = TransactionalJdbc.updateOf("entitlement", WRITTEN, "user_id");

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public Optional<Entitlement> find(String userId) {
        return jdbc.one(SELECT, userId, JdbcEntitlementRepository::read);
    }

    /** A concurrent first write for the same user fails here on the primary key, inside the transaction. */
    @Override
    public void add(Entitlement entitlement) {
        jdbc.execute(INSERT, written(entitlement));
    }

    @Override
    public void update(Entitlement entitlement) {
        jdbc.updateOne(UPDATE, written(entitlement));
    }

    /** The values of {@link #WRITTEN}, then the user id. */
    private static Object[] written(Entitlement entitlement) {
        return new Object[] {entitlement.plan(), entitlement.plansList(), entitlement.featuresList(),
                entitlement.stripeFeaturesList(), entitlement.status().stripeName(), entitlement.accessUntil(),
                entitlement.credits(), entitlement.subscriptionId(), entitlement.version(), entitlement.updatedAt(),
                entitlement.userId()};
    }

    private static Entitlement read(ResultSet row) throws SQLException {
        return Entitlement.restored(row.getString("user_id"), row.getString("plan"), row.getString("plans"),
                row.getString("features"), row.getString("stripe_features"), row.getString("status"),
                TransactionalJdbc.instant(row, "access_until"), row.getLong("credits"),
                row.getString("subscription_id"), row.getLong("version"), TransactionalJdbc.instant(row, "updated_at"));
    }
}
