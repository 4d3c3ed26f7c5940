package dev.tollgate.payments.config;

import dev.tollgate.payments.domain.model.AccessPolicy;
import dev.tollgate.payments.domain.model.CheckoutPages;
import dev.tollgate.payments.domain.model.PlanCatalog;
import dev.tollgate.payments.domain.model.PriceRefresh;
import dev.tollgate.payments.domain.model.ReconcileSettings;
import dev.tollgate.payments.domain.model.StripeMode;
import dev.tollgate.payments.domain.model.SyncSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The validated configuration and the database of this deployment, installed once by the start-up listener
 * before any request is served.
 */
@ApplicationScoped
public class PaymentsRuntime {

    private volatile PaymentsConfig config;
    private volatile DataSource dataSource;
    private volatile String schemaVersion = "none";

    public void install(PaymentsConfig config, DataSource dataSource, String schemaVersion) {
        this.config = config;
        this.dataSource = dataSource;
        this.schemaVersion = schemaVersion;
    }

    /** Whether the start-up listener completed (false after a refused start). */
    public boolean isInstalled() {
        return config != null && dataSource != null;
    }

    /** The Flyway schema version migrated to at start. */
    public String schemaVersion() {
        return schemaVersion;
    }

    @Produces
    public PaymentsConfig config() {
        if (config == null) {
            throw new IllegalStateException("Tollgate payments has not started (see the start-up log)");
        }
        return config;
    }

    public DataSource dataSource() {
        if (dataSource == null) {
            throw new IllegalStateException("Tollgate payments has not started (see the start-up log)");
        }
        return dataSource;
    }

    // The settings as the application layer takes them: domain values, never PaymentsConfig itself.

    @Produces
    AccessPolicy accessPolicy() {
        return config().accessPolicy();
    }

    @Produces
    PlanCatalog planCatalog() {
        return config().plans();
    }

    @Produces
    SyncSettings syncSettings() {
        return config().syncSettings();
    }

    @Produces
    CheckoutPages checkoutPages() {
        return config().checkoutPages();
    }

    @Produces
    ReconcileSettings reconcileSettings() {
        return config().reconcileSettings();
    }

    @Produces
    PriceRefresh priceRefresh() {
        return config().priceRefresh();
    }

    @Produces
    StripeMode stripeMode() {
        return config().mode();
    }

    @Produces
    public Clock clock() {
        return Clock.systemUTC();
    }
}
