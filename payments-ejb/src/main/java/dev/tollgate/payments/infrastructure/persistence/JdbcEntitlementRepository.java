package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Entitlement rows as plain statements in the caller's transaction (docs/design.md, "Persistence"). The gate reads
 * the same rows with its own JDBC; only this module writes them.
 */
@ApplicationScoped
public class JdbcEntitlementRepository extends MappedRepository<Entitlement> implements EntitlementRepository {

    public JdbcEntitlementRepository() {
        super("entitlement", "user_id", List.of("plan", "plans", "features", "stripe_features", "status",
                "access_until", "renews_at", "credits", "subscription_id", "version", "updated_at"));
    }

    @Override
    public Optional<Entitlement> find(String userId) {
        return one("where user_id = ?", userId);
    }

    @Override
    Object[] written(Entitlement entitlement) {
        return new Object[] {entitlement.plan(), entitlement.plansList(), entitlement.featuresList(),
                entitlement.stripeFeaturesList(), entitlement.status().stripeName(), entitlement.accessUntil(),
                entitlement.renewsAt(), entitlement.credits(), entitlement.subscriptionId(), entitlement.version(), entitlement.updatedAt(),
                entitlement.userId()};
    }

    @Override
    Entitlement read(ResultSet row) throws SQLException {
        return Entitlement.restored(row.getString("user_id"), row.getString("plan"), row.getString("plans"),
                row.getString("features"), row.getString("stripe_features"), row.getString("status"),
                TransactionalJdbc.instant(row, "access_until"), TransactionalJdbc.instant(row, "renews_at"),
                row.getLong("credits"),
                row.getString("subscription_id"), row.getLong("version"), TransactionalJdbc.instant(row, "updated_at"));
    }
}
