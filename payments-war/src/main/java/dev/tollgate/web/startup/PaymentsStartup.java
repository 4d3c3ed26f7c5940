package dev.tollgate.web.startup;

import dev.tollgate.payments.application.HealthCheck;
import dev.tollgate.payments.application.PaymentsRuntime;
import dev.tollgate.payments.config.ConfigurationException;
import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.SettingSource;
import dev.tollgate.payments.infrastructure.persistence.DataSources;
import dev.tollgate.payments.infrastructure.persistence.SchemaMigration;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Checks the configuration, migrates the schema and installs both before the first request. Any problem stops
 * the deployment with a message naming the variable: a payments module that starts half-configured loses money.
 */
@WebListener
public class PaymentsStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(PaymentsStartup.class.getName());

    @Inject
    PaymentsRuntime runtime;

    @Inject
    RenewalCheckPoller renewalCheckPoller;

    /** Looked up only after the configuration is installed: creating it injects that configuration. */
    @Inject
    Instance<HealthCheck> healthCheck;

    /**
     * What this deployment opened, kept here and not only in {@link PaymentsRuntime}: on Tomcat, Weld may already
     * be shut down when {@link #contextDestroyed} runs, and the embedded H2 file must still be let go of, or the
     * next deployment cannot open it.
     */
    private PaymentsConfig openedWith;
    private DataSource opened;
    private RenewalCheckSchedule renewalChecks;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            PaymentsConfig config = PaymentsConfig.load(SettingSource.of(context::getInitParameter));
            openedWith = config;
            opened = DataSources.resolve(config);
            String schemaVersion = SchemaMigration.migrate(opened);
            runtime.install(config, opened, schemaVersion);
            healthCheck.get().check(); // boots JPA now, not on a customer's first click, and proves the schema maps
            RenewalCheckPoller poller = renewalCheckPoller;
            renewalChecks = RenewalCheckSchedule.start(poller::pollOnce); // answers the gates' renewal questions
            LOG.info(() -> "Tollgate payments started: " + config);
        } catch (ConfigurationException misconfigured) {
            LOG.severe(misconfigured.getMessage());
            releaseDatabase();
            throw misconfigured;
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Tollgate payments cannot start: " + failed.getMessage(), failed);
            releaseDatabase();
            throw failed;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (renewalChecks != null) {
            renewalChecks.stop();
            renewalChecks = null;
        }
        releaseDatabase();
    }

    private void releaseDatabase() {
        if (opened != null) {
            DataSources.release(openedWith, opened);
            opened = null;
        }
    }
}
