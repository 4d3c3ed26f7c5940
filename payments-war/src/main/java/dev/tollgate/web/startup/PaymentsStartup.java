package dev.tollgate.web.startup;

import dev.tollgate.payments.application.PaymentsLifecycle;
import dev.tollgate.payments.config.ConfigurationException;
import dev.tollgate.payments.config.SettingSource;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the payments core ({@link PaymentsLifecycle}: configuration, database, schema) before the first request,
 * then the renewal-check poll, the allowance-window poll (when some plan has a window inside its billing period),
 * the reconcile schedule and the threads of the runs admins start. Any problem stops the deployment with one log
 * line naming the variable: a payments module that starts half-configured loses money.
 */
@WebListener
public class PaymentsStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(PaymentsStartup.class.getName());

    @Inject
    PaymentsLifecycle lifecycle;

    @Inject
    RenewalCheckPoller renewalCheckPoller;

    @Inject
    AllowanceWindowPoller allowanceWindowPoller;

    @Inject
    ReconcileSchedule reconcileSchedule;

    @Inject
    ReconcileOnDemand reconcileOnDemand;

    /** Kept here, as plain objects: on Tomcat, Weld may already be shut down when {@link #contextDestroyed} runs. */
    private PaymentsLifecycle.Opened opened;
    private RepeatingTask renewalChecks;
    private RepeatingTask allowanceWindows;
    private RepeatingTask reconcile;
    private BackgroundRuns adminRuns;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            opened = lifecycle.start(SettingSource.of(context::getInitParameter));
            RenewalCheckPoller poller = renewalCheckPoller;
            // answers the gates' renewal questions
            renewalChecks = RepeatingTask.start("tollgate-renewal-checks", RenewalCheckPoller.EVERY, poller::pollOnce);
            AllowanceWindowPoller windows = allowanceWindowPoller;
            if (windows.isNeeded()) {
                // grants allowances whose window starts inside a billing period, where no event marks it; a catalog
                // without such a window schedules none, and its nodes do not query for them every second
                allowanceWindows = RepeatingTask.start("tollgate-allowance-windows", AllowanceWindowPoller.EVERY,
                        windows::grantDue);
            }
            ReconcileSchedule schedule = reconcileSchedule;
            reconcile = RepeatingTask.start("tollgate-reconcile", schedule.checkEvery(), schedule::runDueJobs);
            adminRuns = BackgroundRuns.start("tollgate-reconcile-now");
            reconcileOnDemand.runOn(adminRuns.executor());
            LOG.info(() -> "Tollgate payments started: " + opened.config());
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
        if (reconcile != null) {
            reconcile.stop(true);
            reconcile = null;
        }
        if (adminRuns != null) {
            adminRuns.stop();
            adminRuns = null;
        }
        if (renewalChecks != null) {
            renewalChecks.stop(false);
            renewalChecks = null;
        }
        if (allowanceWindows != null) {
            allowanceWindows.stop(false);
            allowanceWindows = null;
        }
        releaseDatabase();
    }

    private void releaseDatabase() {
        if (opened != null) {
            opened.release();
            opened = null;
        }
    }
}
