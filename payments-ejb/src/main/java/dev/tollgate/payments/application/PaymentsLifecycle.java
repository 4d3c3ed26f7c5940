package dev.tollgate.payments.application;

import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.SettingSource;
import dev.tollgate.payments.infrastructure.persistence.DataSources;
import dev.tollgate.payments.infrastructure.persistence.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * Brings the payments core up before the first request: checks the configuration, finds (on Tomcat: opens) and
 * migrates the database, installs both in {@link PaymentsRuntime} and boots the persistence unit. This is the
 * start-up wiring, so it is the one application class that names infrastructure classes (the database's
 * location and its migration); the web layer calls this and nothing below it.
 */
@ApplicationScoped
public class PaymentsLifecycle {

    @Inject
    PaymentsRuntime runtime;

    /** Looked up only after the configuration is installed: creating it injects that configuration. */
    @Inject
    Instance<HealthCheck> healthCheck;

    /**
     * @return what was opened, to be let go of when the deployment stops
     * @throws dev.tollgate.payments.config.ConfigurationException naming the variable at fault; as with any
     *         other failure, whatever was opened has been let go of
     */
    public Opened start(SettingSource settings) {
        PaymentsConfig config = PaymentsConfig.load(settings);
        Opened opened = new Opened(config, DataSources.resolve(config));
        try {
            runtime.install(config, opened.dataSource, SchemaMigration.migrate(opened.dataSource));
            healthCheck.get().check(); // boots JPA now, not on a customer's first click, and proves the schema maps
            return opened;
        } catch (RuntimeException failed) {
            opened.release();
            throw failed;
        }
    }

    /**
     * The database this deployment opened. A plain object, kept by whoever started the deployment: on Tomcat,
     * CDI may already be shut down when the deployment stops, and the embedded H2 file must still be let go of,
     * or the next deployment cannot open it.
     */
    public static final class Opened {
        private final PaymentsConfig config;
        private final DataSource dataSource;
        private boolean released;

        private Opened(PaymentsConfig config, DataSource dataSource) {
            this.config = config;
            this.dataSource = dataSource;
        }

        public PaymentsConfig config() {
            return config;
        }

        /** Lets go of what this deployment opened itself (the embedded H2 file); a server's pool is left alone. */
        public synchronized void release() {
            if (!released) {
                released = true;
                DataSources.release(config, dataSource);
            }
        }
    }
}
